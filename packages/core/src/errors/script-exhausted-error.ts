import { CodeActError } from './codeact-error.js';

/** A scripted or replayed model was asked for more replies than it holds. */
export class ScriptExhaustedError extends CodeActError {
  constructor(message: string) {
    super({ code: 'SCRIPT_EXHAUSTED', message });
  }
}
