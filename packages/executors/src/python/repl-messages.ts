import type { Artifact, PythonException } from '@codeact/core';

/** A module of the preload that could not be imported, and why. */
export type PreloadFailure = { readonly module: string; readonly error: string };

/**
 * The first message of a REPL: it has imported the preload and run the tool stubs, and waits for
 * code (a pooled REPL waits for `attach` instead).
 */
export type ReplReady = {
  readonly type: 'ready';
  readonly python: string;
  readonly pid: number;
  readonly preloaded?: readonly string[];
  readonly preloadFailed?: readonly PreloadFailure[];
};

/** A pooled REPL has opened its session: fresh namespace, tool stubs run. */
export type ReplAttached = { readonly type: 'attached' };

/** Python called a tool and blocks until the matching `tool-result` arrives. */
export type ReplToolCall = {
  readonly type: 'tool-call';
  readonly id: number;
  readonly name: string;
  readonly args: unknown;
};

/** One cell finished (or raised). */
export type ReplResult = {
  readonly type: 'result';
  readonly id: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly result?: string;
  readonly error?: PythonException;
  readonly artifacts?: Artifact[];
  readonly truncatedBytes?: number;
  /** Unread bytes sat in the raw stderr pipe when the cell ended (subprocess or C-level output). */
  readonly rawOutput?: boolean;
  /** Threads the cell started that were still running when it ended. */
  readonly threads?: number;
  /** Processes the cell left running; the REPL killed them before replying. */
  readonly strayProcesses?: number;
};

/** Output the running cell wrote (sent only when the host asked for live output). */
export type ReplOutput = {
  readonly type: 'output';
  readonly id: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
};

/** A KeyboardInterrupt ended the cell; its traceback is being formatted (the first time imports `traceback`). */
export type ReplInterrupted = { readonly type: 'interrupted'; readonly id: number };

export type ReplMessage = ReplReady | ReplAttached | ReplToolCall | ReplResult | ReplOutput | ReplInterrupted;

/** Settings the REPL applies before any user code runs. */
export type ReplInit = {
  readonly type: 'init';
  readonly stubs: string;
  readonly workDir: string;
  /** Where installed packages are (as the REPL sees it): on `sys.path` from the start, even while empty. */
  readonly siteDir?: string;
  readonly maxOutputBytes: number;
  /** `resource` limit names (`RLIMIT_AS`, …) to values; soft and hard are both set. */
  readonly limits: Readonly<Record<string, number>>;
  /** Replaces `sys.path` (the REPL runs with -S, so `site` does not build it). */
  readonly sysPath?: readonly string[];
  /** Without a sandbox: die with the host (prctl PR_SET_PDEATHSIG) and exit if it is already gone. */
  readonly parentDeathSignal?: boolean;
  readonly parentPid?: number;
  /** In the sandbox's own PID namespace: kill every process an action leaves running when it ends. */
  readonly stopStrays?: boolean;
  /** Modules imported before the session opens (only `sys.modules` keeps them). */
  readonly preload?: readonly string[];
  /** A warm pool member: after the preload it waits for `attach` with the session's tool stubs. */
  readonly pooled?: boolean;
};

type Fields = Record<string, unknown>;

const isString = (value: unknown): value is string => typeof value === 'string';
const isInteger = (value: unknown): value is number => Number.isInteger(value);

function isException(value: unknown): value is PythonException {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Fields;
  return isString(fields.name) && isString(fields.message) && isString(fields.traceback);
}

function isArtifact(value: unknown): value is Artifact {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Fields;
  return fields.type === 'image' && fields.mimeType === 'image/png' && isString(fields.data) && isString(fields.name);
}

function isResult(fields: Fields): boolean {
  return (
    isInteger(fields.id) &&
    isString(fields.stdout) &&
    isString(fields.stderr) &&
    (fields.result === undefined || isString(fields.result)) &&
    (fields.error === undefined || isException(fields.error)) &&
    (fields.artifacts === undefined || (Array.isArray(fields.artifacts) && fields.artifacts.every(isArtifact))) &&
    (fields.truncatedBytes === undefined || isInteger(fields.truncatedBytes)) &&
    (fields.rawOutput === undefined || typeof fields.rawOutput === 'boolean') &&
    (fields.threads === undefined || isInteger(fields.threads)) &&
    (fields.strayProcesses === undefined || isInteger(fields.strayProcesses))
  );
}

/**
 * Parses one protocol line. User code can reach the protocol pipe, so every field is checked;
 * anything malformed is `undefined` and ignored.
 */
export function parseReplMessage(line: string): ReplMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Fields;
  switch (fields.type) {
    case 'ready':
      return isString(fields.python) && isInteger(fields.pid) ? (value as ReplReady) : undefined;
    case 'attached':
      return { type: 'attached' };
    case 'tool-call':
      return isInteger(fields.id) && isString(fields.name) ? (value as ReplToolCall) : undefined;
    case 'result':
      return isResult(fields) ? (value as ReplResult) : undefined;
    case 'output':
      return isInteger(fields.id) && (fields.stream === 'stdout' || fields.stream === 'stderr') && isString(fields.text)
        ? (value as ReplOutput)
        : undefined;
    case 'interrupted':
      return isInteger(fields.id) ? (value as ReplInterrupted) : undefined;
    default:
      return undefined;
  }
}
