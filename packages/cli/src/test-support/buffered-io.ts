import type { CliIo } from '../cli-io.js';

/** A `CliIo` over strings, for running the CLI in process in tests. */
export function bufferedIo(options: { cwd: string; env?: Record<string, string>; stdin?: string }) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: (async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    })(),
    env: options.env ?? {},
    cwd: options.cwd,
    abortSignal: new AbortController().signal,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}
