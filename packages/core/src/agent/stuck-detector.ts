import type { Execution } from '../executor/execution.js';

/**
 * Counts how many times in a row the same code failed with the same error. Any success, other code
 * or other error resets the count.
 */
export class StuckDetector {
  private last: string | undefined;
  private count = 0;

  record(code: string, execution: Execution): number {
    if (!execution.error) {
      this.last = undefined;
      this.count = 0;
      return 0;
    }
    const key = `${code}\u0000${execution.error.name}\u0000${execution.error.message}`;
    this.count = key === this.last ? this.count + 1 : 1;
    this.last = key;
    return this.count;
  }
}

export const stuckRedirectNote =
  'You have run the same code with the same error several times. Do not repeat it: read the error, change your approach, or explain the problem to the user.';
