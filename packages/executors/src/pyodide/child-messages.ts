import type { PythonException } from '@codeact/core';

/** The child's interpreter is loaded and waits for cells. */
export type ChildReady = {
  readonly type: 'ready';
  readonly python: string;
  readonly pyodide: string;
  readonly loadMs: number;
};
/** A cell (or the tool stubs) finished; `reply` is the runner's JSON, parsed by `parseCellReply`. */
export type ChildResult = { readonly type: 'result'; readonly id: number; readonly reply: string };
/** Python called a tool and blocks until the host answers; `request` is `{"name", "args"}` as JSON. */
export type ChildToolCall = { readonly type: 'tool-call'; readonly request: string };
/** Output the running cell wrote (sent only for cells run with `live`). */
export type ChildOutput = {
  readonly type: 'output';
  readonly id: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
};
/** The interpreter died (fatal wasm error, `os._exit`, failed load); the child exits next. */
export type ChildCrashed = { readonly type: 'crashed'; readonly message: string };

/** After an interrupt the interpreter used its CPU grace without finishing: kill it. */
export type ChildStuck = { readonly type: 'stuck' };

export type ChildMessage = ChildReady | ChildResult | ChildOutput | ChildToolCall | ChildCrashed | ChildStuck;

/** What one cell produced, as reported by the runner inside Pyodide. */
export type CellReply = {
  readonly stdout: string;
  readonly stderr: string;
  readonly result?: string;
  readonly error?: PythonException;
  readonly truncatedBytes?: number;
};

type Fields = Record<string, unknown>;

const isString = (value: unknown): value is string => typeof value === 'string';

function parseObject(text: string): Fields | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses one protocol line from the child. Code that escapes into the child's JS could write to the
 * pipe, so every field is checked and anything malformed is `undefined`.
 */
export function parseChildMessage(line: string): ChildMessage | undefined {
  const fields = parseObject(line);
  switch (fields?.type) {
    case 'ready':
      return isString(fields.python) && isString(fields.pyodide) && typeof fields.loadMs === 'number'
        ? { type: 'ready', python: fields.python, pyodide: fields.pyodide, loadMs: fields.loadMs }
        : undefined;
    case 'result':
      return Number.isInteger(fields.id) && isString(fields.reply)
        ? { type: 'result', id: fields.id as number, reply: fields.reply }
        : undefined;
    case 'output':
      return Number.isInteger(fields.id) &&
        (fields.stream === 'stdout' || fields.stream === 'stderr') &&
        isString(fields.text)
        ? { type: 'output', id: fields.id as number, stream: fields.stream, text: fields.text }
        : undefined;
    case 'tool-call':
      return isString(fields.request) ? { type: 'tool-call', request: fields.request } : undefined;
    case 'crashed':
      return { type: 'crashed', message: isString(fields.message) ? fields.message : 'unknown failure' };
    case 'stuck':
      return { type: 'stuck' };
    default:
      return undefined;
  }
}

function parseException(value: unknown): PythonException | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Fields;
  if (!isString(fields.name) || !isString(fields.message) || !isString(fields.traceback)) return undefined;
  return { name: fields.name, message: fields.message, traceback: fields.traceback };
}

/** Parses the runner's JSON reply; `undefined` when it is malformed. */
export function parseCellReply(text: string): CellReply | undefined {
  const fields = parseObject(text);
  if (!fields || !isString(fields.stdout) || !isString(fields.stderr)) return undefined;
  const error = fields.error === undefined ? undefined : parseException(fields.error);
  if (fields.error !== undefined && !error) return undefined;
  return {
    stdout: fields.stdout,
    stderr: fields.stderr,
    ...(isString(fields.result) ? { result: fields.result } : {}),
    ...(error ? { error } : {}),
    ...(Number.isInteger(fields.truncatedBytes) && (fields.truncatedBytes as number) > 0
      ? { truncatedBytes: fields.truncatedBytes as number }
      : {}),
  };
}

/** Parses a tool request from Python; `undefined` when it is malformed. */
export function parseToolRequest(text: string): { name: string; args: unknown } | undefined {
  const fields = parseObject(text);
  return fields && isString(fields.name) ? { name: fields.name, args: fields.args ?? {} } : undefined;
}
