import { CodeActError } from './codeact-error.js';

/** Thrown by `runAgent({ onMaxTurns: 'throw' })` when the turn budget runs out without an answer. */
export class MaxTurnsExceededError extends CodeActError {
  readonly maxTurns: number;

  constructor(maxTurns: number) {
    super({ code: 'MAX_TURNS_EXCEEDED', message: `The agent used all ${maxTurns} turns without an answer.` });
    this.maxTurns = maxTurns;
  }
}
