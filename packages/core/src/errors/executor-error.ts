import { CodeActError, type CodeActErrorCode } from './codeact-error.js';

/** The interpreter itself failed in a way the loop cannot turn into an observation. */
export class ExecutorError extends CodeActError {
  constructor(message: string, options: { cause?: unknown; code?: CodeActErrorCode } = {}) {
    super({ code: options.code ?? 'EXECUTOR', message, cause: options.cause });
  }
}

/** No interpreter of the requested kind can run on this host (missing python3, bubblewrap, …). */
export class ExecutorUnavailableError extends ExecutorError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, code: 'EXECUTOR_UNAVAILABLE' });
  }
}
