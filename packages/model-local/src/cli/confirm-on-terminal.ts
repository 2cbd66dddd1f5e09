import { createInterface } from 'node:readline/promises';
import type { LocalRuntimeInstallRequest } from '../runtime/local-runtime.js';

type Input = NodeJS.ReadableStream & { isTTY?: boolean | undefined };
type Output = NodeJS.WritableStream;

/**
 * A `confirm` for `LocalRuntimeSettings` that asks "Install it now? [y/N]" on a terminal; without a
 * terminal it answers no, so the caller's error explains how to install.
 */
export function confirmOnTerminal(
  streams: { input?: Input; output?: Output } = {},
): (request: LocalRuntimeInstallRequest) => Promise<boolean> {
  return async (request) => {
    const input = streams.input ?? process.stdin;
    const output = streams.output ?? process.stderr;
    if (!input.isTTY) return false;
    const readline = createInterface({ input, output });
    try {
      const answer = await readline.question(`${request.message}\nInstall it now? [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      readline.close();
    }
  };
}
