import type { Tool } from '@codeact/core';
import { ErrorCode, McpError, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { McpConnection } from './connect-mcp-server.js';
import { mcpDocstring } from './mcp-docstring.js';
import { mcpResultValue } from './mcp-result.js';
import { pythonName } from './python-name.js';

export type McpToolOptions = {
  /** Limit per call without a progress notification (each one restarts it). Default 60 s. */
  readonly callTimeoutMs?: number;
  /** Limit per call whatever the progress. Default 10 min. */
  readonly maxCallMs?: number;
};

/** A codeact tool backed by an MCP tool, with what approval and listing need to know. */
export type McpBackedTool = Tool & {
  /** `destructiveHint` tools ask before each call (the core approval mechanism reads this). */
  readonly needsApproval: boolean;
  /** The server's own name of the tool. */
  readonly mcpName: string;
};

function parametersOf(tool: McpTool): { schema: z.ZodObject; pythonNames: Map<string, string> } {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set(tool.inputSchema.required ?? []);
  const pythonNames = new Map<string, string>();
  const shape: Record<string, z.ZodType> = {};
  for (const [key, property] of Object.entries(properties)) {
    const name = pythonName(key, new Set(pythonNames.values()));
    pythonNames.set(key, name);
    // The server validates; the schema here only carries the JSON Schema for the Python signature.
    const field = z.unknown().meta(property);
    shape[name] = required.has(key) ? field : field.optional();
  }
  return { schema: z.object(shape), pythonNames };
}

/**
 * The tools of one connected server as codeact tools named `SERVER.python_name`. Calls go to the
 * server from the host with a per-call timeout that progress notifications restart; aborting the
 * action cancels the call on the server.
 */
export function mcpTools(connection: McpConnection, options: McpToolOptions = {}): McpBackedTool[] {
  const server = connection.spec.name;
  const taken = new Set<string>();
  const callTimeoutMs = options.callTimeoutMs ?? 60_000;
  const maxCallMs = options.maxCallMs ?? 600_000;
  return connection.tools.map((mcpTool) => {
    const member = pythonName(mcpTool.name, taken);
    taken.add(member);
    const name = `${server}.${member}`;
    const { schema, pythonNames } = parametersOf(mcpTool);
    const serverKeys = new Map([...pythonNames].map(([key, python]) => [python, key]));
    return {
      name,
      mcpName: mcpTool.name,
      description: mcpDocstring(mcpTool, pythonNames),
      parameters: schema,
      returns: mcpTool.outputSchema ? 'dict' : 'str',
      needsApproval: mcpTool.annotations?.destructiveHint === true,
      // The MCP call keeps its own clock (reset by progress); the host's limit only backs it up.
      timeoutMs: maxCallMs + 5_000,
      async execute(args: Record<string, unknown>, { abortSignal }) {
        const gone = connection.failure();
        if (gone) throw new Error(gone);
        const serverArgs = Object.fromEntries(
          Object.entries(args).map(([key, value]) => [serverKeys.get(key) ?? key, value]),
        );
        try {
          const result = await connection.client.callTool({ name: mcpTool.name, arguments: serverArgs }, undefined, {
            signal: abortSignal,
            timeout: callTimeoutMs,
            resetTimeoutOnProgress: true,
            maxTotalTimeout: maxCallMs,
            onprogress: () => {},
          });
          return mcpResultValue(result as Parameters<typeof mcpResultValue>[0], member);
        } catch (error) {
          const failure = connection.failure();
          if (failure) throw new Error(failure);
          const message = (error as Error).message.replace(/^MCP error -?\d+: /, '');
          if (error instanceof McpError && error.code === ErrorCode.RequestTimeout && !abortSignal.aborted) {
            // Python gets a `TimeoutError`, as for the tool host's own per-call limit.
            throw Object.assign(new Error(`${name}() timed out: ${message}`), { name: 'TimeoutError' });
          }
          throw new Error(message);
        }
      },
    } satisfies McpBackedTool;
  });
}
