import { CodeActError } from './codeact-error.js';

/** The model kept producing replies the loop cannot act on. */
export class ModelBehaviorError extends CodeActError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super({ code: 'MODEL_BEHAVIOR', message, cause: options.cause });
  }
}
