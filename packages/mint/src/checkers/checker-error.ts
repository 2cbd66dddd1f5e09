/**
 * An exception inside an answer checker. MINT catches these and shows the traceback to the model
 * instead of "Your answer is wrong."; the proposal still counts and is not a success.
 */
export class CheckerError extends Error {
  /** The Python exception class upstream raises, e.g. `KeyError`. */
  readonly pythonName: string;

  constructor(pythonName: string, message: string) {
    super(message);
    this.name = 'CheckerError';
    this.pythonName = pythonName;
  }

  /** The text MINT would show: a traceback ending in `Name: message`. */
  toTraceback(): string {
    return `Traceback (most recent call last):\n  File "<checker>", in success\n${this.pythonName}: ${this.message}\n`;
  }
}
