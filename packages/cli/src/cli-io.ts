/** Where a command reads and writes: the real process, or buffers in tests. */
export type CliIo = {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
  /** Standard input as text chunks (for `chat` and `exec -`). */
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl-C (unless a command took Ctrl-C over with `onInterrupt`). */
  readonly abortSignal: AbortSignal;
  /**
   * Takes Ctrl-C over: while a listener is set, Ctrl-C calls it instead of aborting `abortSignal`
   * (`chat` interrupts only the running turn). A second Ctrl-C within a second always exits.
   */
  readonly onInterrupt?: ((listener: (() => void) | undefined) => void) | undefined;
};

/** Reads all of standard input as UTF-8. */
export async function readAll(input: AsyncIterable<string | Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/** Splits standard input into lines as they arrive. */
export async function* readLines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of input) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      yield buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  buffer += decoder.decode();
  if (buffer) yield buffer;
}
