import { PyException } from '../python/python-value.js';

/**
 * An exception inside an answer checker. MINT catches these and shows the traceback to the model
 * instead of "Your answer is wrong."; the proposal still counts and is not a success.
 */
export class CheckerError extends PyException {
  constructor(pythonName: string, message: string) {
    super(pythonName, message);
    this.name = 'CheckerError';
  }

  /** The text MINT would show: a traceback ending in `Name: message`. */
  toTraceback(): string {
    return `Traceback (most recent call last):\n  File "<checker>", in success\n${this.pythonName}: ${this.message}\n`;
  }
}
