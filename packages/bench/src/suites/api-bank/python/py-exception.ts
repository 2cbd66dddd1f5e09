import { PyException } from '@codeact/mint';

/** A Python exception raised inside an API: `@codeact/mint`'s one `PyException` (`pythonName`, `message`). */
export { PyException };

/** `raise Exception(message)`. */
export function pyRaise(message: string, type = 'Exception'): never {
  throw new PyException(type, message);
}
