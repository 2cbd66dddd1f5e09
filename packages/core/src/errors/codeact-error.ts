const marker = 'codeact.error';
const markerSymbol = Symbol.for(marker);

/** Stable machine-readable error codes. */
export type CodeActErrorCode =
  | 'CONFIGURATION'
  | 'MODEL_CALL'
  | 'MODEL_BEHAVIOR'
  | 'EXECUTOR'
  | 'EXECUTOR_UNAVAILABLE'
  | 'EXECUTOR_TIMEOUT'
  | 'MAX_TURNS_EXCEEDED'
  | 'SCRIPT_EXHAUSTED'
  | 'TOOL';

/**
 * Base class of every error codeact throws. Errors that end a run carry the trajectory so far,
 * so a failed run can still be saved and inspected.
 */
export class CodeActError extends Error {
  protected readonly [markerSymbol] = true;
  readonly code: CodeActErrorCode;
  trajectory?: unknown;

  constructor(options: { code: CodeActErrorCode; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
  }

  /** Works across duplicate copies of this package, unlike `instanceof`. */
  static isInstance(error: unknown): error is CodeActError {
    return typeof error === 'object' && error !== null && markerSymbol in error;
  }
}
