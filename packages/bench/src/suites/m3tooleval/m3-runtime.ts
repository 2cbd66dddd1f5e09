import type { ExecuteOptions, Execution, ExecutorSession } from '@codeact/core';
import type { M3Data, M3Family, M3Format } from './m3-data.js';

/** A Python string literal for any text (non-ASCII and control characters escaped by code point). */
export function pythonLiteral(text: string): string {
  let literal = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') literal += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) literal += char;
    else if (code > 0xffff) literal += `\\U${code.toString(16).padStart(8, '0')}`;
    else literal += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${literal}"`;
}

/** The Python name of the hidden helpers in the session (protocol post-processing, dispatch, check). */
export const m3Helpers = '__m3tooleval__';

/** A JSON value as Python source (`null` → `None`, `true` → `True`; JSON numbers as written by JavaScript). */
export function pythonValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : `float(${pythonLiteral(String(value))})`;
  if (typeof value === 'string') return pythonLiteral(value);
  if (Array.isArray(value)) return `[${value.map(pythonValue).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${pythonLiteral(key)}: ${pythonValue(item)}`,
  );
  return `{${entries.join(', ')}}`;
}

/**
 * Python run at session start: loads the family's tools and the protocol helpers as separate
 * modules (so the model's variables cannot shadow what they use), then puts the six tools into the
 * model's namespace, where they shadow builtins exactly as in the original (travel's `sum`).
 * Tracebacks through the tools show their source (served to `linecache` by the module's loader).
 * It imports nothing beyond what the interpreter has loaded already, to keep session start fast.
 */
export function m3Prelude(data: M3Data, family: M3Family, fixed: boolean): string {
  const table = pythonValue(JSON.parse(data.tables[family]) as unknown);
  return `def __m3tooleval_boot__():
    import sys
    class Source:
        def __init__(self, text):
            self.text = text
        def get_source(self, name):
            return self.text
    def load(name, source, extra):
        module = type(sys)(name)
        module.__dict__.update(extra)
        module.__loader__ = Source(source)
        exec(compile(source, name + ".py", "exec"), module.__dict__)
        return module
    class Helpers:
        pass
    fixed = ${fixed ? 'True' : 'False'}
    tools = load("m3tooleval/${family}", ${pythonLiteral(data.python[family])}, {"DATA": ${table}, "FIXED": fixed})
    runtime = load("m3tooleval/runtime", ${pythonLiteral(data.python.runtime)}, {"TOOLS": tools.TOOLS, "FIXED": fixed})
    globals().update(tools.TOOLS)
    helpers = Helpers()
    helpers.observation = lambda raw: runtime._emit(runtime.observation(raw))
    helpers.tool_call = lambda mode, content: runtime._emit(runtime.tool_call(mode, content))
    helpers.check = lambda answer, expected: runtime._emit(runtime.check(answer, expected))
    globals()[${pythonLiteral(m3Helpers)}] = helpers
__m3tooleval_boot__()
del __m3tooleval_boot__
`;
}

/** What IPython would have captured for a cell: printed output, `Out[n]: value`, then the traceback. */
export function ipythonCapture(execution: Execution, timeoutSeconds = 30): string {
  let text = execution.stdout;
  if (execution.result !== undefined) {
    // IPython starts multi-line values on their own line.
    text += `Out[${execution.executionCount}]: ${execution.result.includes('\n') ? '\n' : ''}${execution.result}\n`;
  }
  const traceback =
    execution.error?.traceback ??
    (execution.timedOut ? `TimeoutError: Timed out after ${timeoutSeconds} seconds.` : undefined);
  if (traceback !== undefined) {
    // A traceback starts on its own line and ends with one.
    if (text !== '' && !text.endsWith('\n')) text += '\n';
    text += traceback.endsWith('\n') ? traceback : `${traceback}\n`;
  }
  return text;
}

export class M3RuntimeError extends Error {
  override readonly name = 'M3RuntimeError';
}

/**
 * The episode's interpreter seen through the protocol: code actions also get their observation
 * post-processed in Python (`observationOf`), tool calls and answer checks run in the same session.
 */
export class M3Session implements ExecutorSession {
  readonly sessionId: string;
  readonly workDir: string | undefined;
  private readonly inner: ExecutorSession;
  private readonly abortSignal: AbortSignal | undefined;
  private readonly observations = new WeakMap<Execution, string>();

  constructor(inner: ExecutorSession, abortSignal?: AbortSignal) {
    this.inner = inner;
    this.sessionId = inner.sessionId;
    this.workDir = inner.workDir;
    this.abortSignal = abortSignal;
  }

  async execute(options: ExecuteOptions): Promise<Execution> {
    const execution = await this.inner.execute(options);
    const observation = await this.call(`${m3Helpers}.observation(${pythonLiteral(ipythonCapture(execution))})`);
    this.observations.set(execution, typeof observation === 'string' ? observation : String(observation));
    return execution;
  }

  /** The observation of an execution this session ran (spec §2.6, code mode). */
  observationOf(execution: Execution): string {
    const observation = this.observations.get(execution);
    if (observation === undefined) throw new M3RuntimeError('No M3ToolEval observation for this execution.');
    return observation;
  }

  /** Runs one JSON or text action (spec §2.6) and returns the observation. */
  async toolCall(format: Exclude<M3Format, 'code'>, content: string): Promise<string> {
    const result = await this.call(`${m3Helpers}.tool_call(${pythonLiteral(format)}, ${pythonLiteral(content)})`, true);
    return typeof result === 'string' ? result : String(result);
  }

  /** The answer check (spec §3, or the repaired one with `--fixed`). */
  async check(answer: string, expectedRepr: string): Promise<boolean> {
    return (await this.call(`${m3Helpers}.check(${pythonLiteral(answer)}, ${pythonLiteral(expectedRepr)})`)) === true;
  }

  private async call(code: string, timeoutIsObservation = false): Promise<unknown> {
    const execution = await this.inner.execute({ code, timeoutMs: 30_000, abortSignal: this.abortSignal });
    if (execution.timedOut && timeoutIsObservation) return 'TimeoutError: Timed out after 30 seconds.';
    const line = execution.stdout.trimEnd().split('\n').at(-1);
    if (execution.error || line === undefined || line === '') {
      const detail = execution.error ? `${execution.error.name}: ${execution.error.message}` : 'no output';
      throw new M3RuntimeError(`The M3ToolEval helpers failed in the interpreter (${detail}).`);
    }
    return JSON.parse(line) as unknown;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
