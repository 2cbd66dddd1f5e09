import { CodeActError } from './codeact-error.js';

/** The caller's fault: a bad option, flag, key or file. The message says how to fix it. */
export class ConfigurationError extends CodeActError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super({ code: 'CONFIGURATION', message, cause: options.cause });
  }
}
