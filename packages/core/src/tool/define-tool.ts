import type { z } from 'zod';

export type ToolExecuteContext = {
  readonly abortSignal: AbortSignal;
  /** The interpreter session the call came from. */
  readonly sessionId: string;
};

/**
 * A TypeScript function the model's Python code can call. It always runs on the host. A dotted
 * name (`space.member`) groups tools in a Python namespace, as MCP servers' tools are.
 */
export type Tool<PARAMETERS extends z.ZodObject = z.ZodObject, RESULT = unknown> = {
  readonly name: string;
  readonly description: string;
  readonly parameters: PARAMETERS;
  /** Python annotation of the return value shown in the signature, e.g. `str`. Defaults to `Any`-free omission. */
  readonly returns?: string | undefined;
  /** Per-call limit; defaults to the tool host's (30 s). */
  readonly timeoutMs?: number | undefined;
  /**
   * Calls must be approved before they run (by the agent's `approveToolCall`; denied without one, as a
   * `PermissionError` in Python). A function decides per call from the validated arguments.
   */
  readonly needsApproval?: boolean | ((args: z.infer<PARAMETERS>) => boolean | Promise<boolean>) | undefined;
  /** Must return JSON-serialisable data; it reaches Python as the equivalent Python value. */
  readonly execute: (args: z.infer<PARAMETERS>, context: ToolExecuteContext) => unknown | Promise<RESULT>;
};

const pythonIdentifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const pythonKeywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** Checks that `name` can be a Python function or parameter name. */
export function isPythonIdentifier(name: string): boolean {
  return pythonIdentifier.test(name) && !pythonKeywords.has(name) && !name.startsWith('__');
}

/** A Python identifier, or `space.member` with both parts identifiers (a tool in a namespace). */
export function isToolName(name: string): boolean {
  const parts = name.split('.');
  return parts.length <= 2 && parts.every(isPythonIdentifier);
}

/**
 * Declares a tool. The zod object's keys become the Python parameters, in order.
 *
 * @example
 * const add = defineTool({
 *   name: 'add',
 *   description: 'Adds two numbers.',
 *   parameters: z.object({ a: z.number(), b: z.number() }),
 *   returns: 'float',
 *   execute: ({ a, b }) => a + b,
 * });
 */
export function defineTool<PARAMETERS extends z.ZodObject, RESULT>(
  tool: Tool<PARAMETERS, RESULT>,
): Tool<PARAMETERS, RESULT> {
  if (!isToolName(tool.name)) {
    throw new TypeError(
      `Tool name ${JSON.stringify(tool.name)} is not a valid Python identifier (or namespace.identifier).`,
    );
  }
  for (const key of Object.keys(tool.parameters.shape)) {
    if (!isPythonIdentifier(key)) {
      throw new TypeError(`Parameter ${JSON.stringify(key)} of tool ${tool.name} is not a valid Python identifier.`);
    }
  }
  return tool;
}
