/** A Python exception raised inside an API; `message` is what Python's `str(error)` gives. */
export class PyException extends Error {
  /** The Python class name, e.g. `ValueError`. */
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.name = 'PyException';
    this.type = type;
  }
}

/** `raise Exception(message)`. */
export function pyRaise(message: string, type = 'Exception'): never {
  throw new PyException(type, message);
}
