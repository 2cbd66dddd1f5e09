import { randomUUID } from 'node:crypto';
import { createRedactor, secretsFromEnvironment } from '../security/redact-secrets.js';
import { CallSlots } from './call-slots.js';
import type { Tool } from './define-tool.js';
import { renderPythonStubs } from './render-python-stubs.js';
import type { ToolCallScope } from './tool-call-scope.js';

export type ToolErrorType = 'ToolError' | 'TypeError' | 'TimeoutError' | 'PermissionError';

/** How a tool call ended, as sent back into Python. */
export type ToolCallResult =
  | { readonly ok: true; readonly value: unknown; readonly error?: never }
  | {
      readonly ok: false;
      readonly value?: never;
      /**
       * `type` becomes the Python exception class: `ToolError`, `TypeError` (bad arguments),
       * `TimeoutError` (the call's `timeoutMs`, or the tool threw an error named `TimeoutError`) or
       * `PermissionError` (the call was not approved).
       */
      readonly error: { readonly type: ToolErrorType; readonly message: string };
    };

/** What an executor needs to offer tools to Python: stub source and a call entry point. */
export interface ToolHost {
  readonly tools: readonly Tool[];
  /** Largest accepted JSON size of a call's arguments, in characters; executors stop reading a larger call. */
  readonly maxArgumentChars?: number | undefined;
  /** Python source to run (silently) at session start and after every restart. */
  readonly pythonStubs: string;
  call(options: ToolCallOptions): Promise<ToolCallResult>;
}

export type ToolCallOptions = {
  readonly name: string;
  readonly args: unknown;
  readonly sessionId: string;
  readonly abortSignal?: AbortSignal | undefined;
  /** The action's scope (approver, budgets); executors pass the one given to `execute`. */
  readonly scope?: ToolCallScope | undefined;
};

export type ToolHostOptions = {
  /** Default per-call limit. */
  readonly timeoutMs?: number;
  /** Largest accepted JSON size of the arguments, in characters. */
  readonly maxArgumentChars?: number;
  /** Largest accepted JSON size of a result, in characters. */
  readonly maxResultChars?: number;
  /** Calls per action before further ones fail with `ToolError`. Default 1,000. */
  readonly maxCallsPerAction?: number;
  /** Calls per run (scopes sharing a `run` object). Default 10,000. */
  readonly maxCallsPerRun?: number;
  /** Calls of this host executing at once; more wait for a free slot (their timeout starts then). Default 8. */
  readonly maxConcurrentCalls?: number;
  /**
   * Secrets removed from tool error messages before they reach Python (API keys, tokens, passwords);
   * those of the environment (`secretsFromEnvironment`) are always included.
   */
  readonly secrets?: readonly string[];
  /** Extra Python source appended to the stubs (helpers written in Python). */
  readonly pythonPrelude?: string;
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Wraps tools for an executor: validates arguments with each tool's zod schema, enforces the
 * per-call timeout and size caps, and turns every failure into data that becomes a Python exception.
 * Tools are looked up in a Map, never by property access on a plain object.
 */
export function createToolHost(tools: readonly Tool[], options: ToolHostOptions = {}): ToolHost {
  const byName = new Map<string, Tool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new TypeError(`Two tools are named ${tool.name}.`);
    byName.set(tool.name, tool);
  }
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const maxArgumentChars = options.maxArgumentChars ?? 256 * 1024;
  const maxResultChars = options.maxResultChars ?? 1024 * 1024;
  const maxCallsPerAction = options.maxCallsPerAction ?? 1000;
  const maxCallsPerRun = options.maxCallsPerRun ?? 10_000;
  const slots = new CallSlots(options.maxConcurrentCalls ?? 8);
  const actionCalls = new WeakMap<object, number>();
  const runCalls = new WeakMap<object, number>();
  /** Counts the call; a message when it is over a budget. */
  const overBudget = (scope: ToolCallScope): string | undefined => {
    const inAction = (actionCalls.get(scope) ?? 0) + 1;
    actionCalls.set(scope, inAction);
    const perAction = scope.budget?.perAction ?? maxCallsPerAction;
    if (inAction > perAction) return `This action made more than ${perAction} tool calls; no more are allowed in it.`;
    if (!scope.run) return undefined;
    const inRun = (runCalls.get(scope.run) ?? 0) + 1;
    runCalls.set(scope.run, inRun);
    const perRun = scope.budget?.perRun ?? maxCallsPerRun;
    if (inRun > perRun) return `This run made more than ${perRun} tool calls; no more are allowed.`;
    return undefined;
  };
  const redact = createRedactor([...secretsFromEnvironment(process.env), ...(options.secrets ?? [])]);
  const pythonStubs = renderPythonStubs(tools) + (options.pythonPrelude ? `\n${options.pythonPrelude}\n` : '');

  return {
    tools,
    maxArgumentChars,
    pythonStubs,
    async call(callOptions) {
      const result = await callTool(callOptions);
      if (result.ok) return result;
      const scopeRedact = callOptions.scope?.redact;
      const message = redact(scopeRedact ? scopeRedact(result.error.message) : result.error.message);
      return message === result.error.message ? result : { ok: false, error: { type: result.error.type, message } };
    },
  };

  async function callTool({
    name,
    args,
    sessionId,
    abortSignal,
    scope = {},
  }: ToolCallOptions): Promise<ToolCallResult> {
    const budgetMessage = overBudget(scope);
    if (budgetMessage) return { ok: false, error: { type: 'ToolError', message: budgetMessage } };
    const tool = byName.get(name);
    if (!tool) return { ok: false, error: { type: 'ToolError', message: `No tool named ${name}.` } };
    if (JSON.stringify(args ?? null).length > maxArgumentChars) {
      return {
        ok: false,
        error: { type: 'TypeError', message: `Arguments to ${name} exceed ${maxArgumentChars} characters.` },
      };
    }
    const parsed = tool.parameters.safeParse(args);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`);
      return {
        ok: false,
        error: { type: 'TypeError', message: `${name}() got invalid arguments: ${detail.join('; ')}` },
      };
    }
    const denial = await checkApproval(tool, parsed.data, scope, abortSignal);
    if (denial) return { ok: false, error: { type: 'PermissionError', message: denial } };
    const release = await slots.acquire(abortSignal);
    try {
      return await execute(tool, parsed.data, sessionId, abortSignal);
    } finally {
      release();
    }
  }

  async function execute(
    tool: Tool,
    args: unknown,
    sessionId: string,
    abortSignal: AbortSignal | undefined,
  ): Promise<ToolCallResult> {
    const name = tool.name;
    const timeoutMs = tool.timeoutMs ?? defaultTimeoutMs;
    // One controller and one timer per call: cheaper than AbortSignal.timeout + AbortSignal.any on this hot path.
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onCallerAbort: (() => void) | undefined;
    try {
      const value = await new Promise<unknown>((resolve, reject) => {
        const fail = (reason: unknown) => {
          controller.abort(reason);
          reject(reason);
        };
        if (abortSignal?.aborted) return fail(abortSignal.reason);
        timer = setTimeout(() => fail(new ToolTimeout(`${name}() timed out after ${timeoutMs} ms.`)), timeoutMs);
        if (abortSignal) {
          onCallerAbort = () => fail(abortSignal.reason);
          abortSignal.addEventListener('abort', onCallerAbort, { once: true });
        }
        Promise.resolve()
          .then(() => tool.execute(args as never, { abortSignal: controller.signal, sessionId }))
          .then(resolve, reject);
      });
      const json = JSON.stringify(value === undefined ? null : value);
      if (json === undefined) return { ok: true, value: null };
      if (json.length > maxResultChars) {
        return {
          ok: false,
          error: { type: 'ToolError', message: `${name}() returned more than ${maxResultChars} characters.` },
        };
      }
      return { ok: true, value: JSON.parse(json) as unknown };
    } catch (error) {
      if (error instanceof ToolTimeout) return { ok: false, error: { type: 'TimeoutError', message: error.message } };
      if (abortSignal?.aborted) throw abortSignal.reason;
      // A tool's own deadline (e.g. an MCP request timeout or `AbortSignal.timeout`) is a timeout too.
      if (error instanceof Error && error.name === 'TimeoutError') {
        return { ok: false, error: { type: 'TimeoutError', message: error.message } };
      }
      return { ok: false, error: { type: 'ToolError', message: messageOf(error) } };
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) abortSignal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

class ToolTimeout extends Error {}

/** Asks the scope's approver when the tool needs it; the reason for a denial, or `undefined`. */
async function checkApproval(
  tool: Tool,
  args: unknown,
  scope: ToolCallScope,
  abortSignal: AbortSignal | undefined,
): Promise<string | undefined> {
  const needsApproval =
    typeof tool.needsApproval === 'function' ? await tool.needsApproval(args as never) : tool.needsApproval;
  if (!needsApproval) return undefined;
  const denied = `${tool.name}() needs approval and was denied; do not retry it.`;
  if (!scope.approveToolCall) return `${tool.name}() needs approval and nobody can approve it here; do not retry it.`;
  const decision = await scope
    .approveToolCall({ toolName: tool.name, args, callId: randomUUID(), runId: scope.runId, abortSignal })
    .catch(() => 'deny' as const);
  if (abortSignal?.aborted) throw abortSignal.reason;
  return decision === 'allow' ? undefined : denied;
}
