import { CodeActError } from '@codeact/core';

/** One line for the user and the exit code: 2 for a usage or configuration mistake, 1 otherwise. */
export type Failure = { readonly message: string; readonly exitCode: 1 | 2 };

type SystemError = Error & { code?: string; path?: string; port?: number; address?: string; syscall?: string };

/**
 * Turns what a command threw into one line with the fix, so ordinary mistakes (a missing file, a
 * busy port) never show a Node stack trace. `CODEACT_DEBUG=1` prints the stack as well.
 */
export function describeFailure(error: unknown): Failure {
  if (CodeActError.isInstance(error)) {
    const usage = error.code === 'CONFIGURATION' || error.code === 'EXECUTOR_UNAVAILABLE';
    return { message: error.message, exitCode: usage ? 2 : 1 };
  }
  const system = error as SystemError;
  switch (system?.code) {
    case 'ENOENT':
      return { message: `${system.path ?? 'a file'} does not exist: check the path.`, exitCode: 2 };
    case 'EACCES':
    case 'EPERM':
      return { message: `No permission to use ${system.path ?? 'a file'}: choose another path.`, exitCode: 2 };
    case 'EISDIR':
      return { message: `${system.path ?? 'The path'} is a folder; give a file.`, exitCode: 2 };
    case 'EADDRINUSE':
      return {
        message: `Port ${system.port ?? ''} on ${system.address ?? 'this host'} is already in use: pass --port with a free port (--port 0 picks one).`,
        exitCode: 2,
      };
    case 'EADDRNOTAVAIL':
      return { message: `Cannot listen on ${system.address ?? 'that address'}: pass a local --host.`, exitCode: 2 };
    default:
      return { message: error instanceof Error ? error.message : String(error), exitCode: 1 };
  }
}
