const newline = 0x0a;
/** Bytes of a line read before its limit is looked up (from its start). */
const headBytes = 64 * 1024;

export type LineLimit = {
  /** Largest accepted line in bytes, from its start (its first 64 KiB, or the whole line). */
  readonly maxLineBytes: (head: string) => number;
  /** A line over its limit was dropped while reading; `head` is its first 256 bytes or so. */
  readonly onOversized: (head: string) => void;
};

/**
 * Splits a byte stream into lines without re-copying partial lines on every chunk. With a limit, a
 * line longer than allowed is dropped as it is read: the host never holds much more than the limit.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Limit and start of the line in progress, once 64 KiB of it have arrived. */
  private current: { limit: number; head: string } | undefined;
  private discarding = false;
  private readonly onLine: (line: string) => void;
  private readonly limit: LineLimit | undefined;

  constructor(onLine: (line: string) => void, limit?: LineLimit) {
    this.onLine = onLine;
    this.limit = limit;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(newline, start);
    while (end !== -1) {
      this.add(chunk.subarray(start, end));
      this.endLine();
      start = end + 1;
      end = chunk.indexOf(newline, start);
    }
    if (start < chunk.length) this.add(chunk.subarray(start));
  }

  private add(piece: Buffer): void {
    if (this.discarding || piece.length === 0) return;
    this.pending.push(piece);
    this.pendingBytes += piece.length;
    if (!this.limit || this.pendingBytes < headBytes) return;
    if (!this.current) {
      const head = Buffer.concat(this.pending).subarray(0, headBytes).toString('utf8');
      this.current = { limit: this.limit.maxLineBytes(head), head: head.slice(0, 256) };
    }
    if (this.pendingBytes > this.current.limit) {
      this.discarding = true;
      this.pending = [];
    }
  }

  private endLine(): void {
    const { pending, discarding, current } = this;
    this.pending = [];
    this.pendingBytes = 0;
    this.current = undefined;
    this.discarding = false;
    if (discarding && current) this.limit?.onOversized(current.head);
    else
      this.onLine(
        pending.length === 1 ? (pending[0] as Buffer).toString('utf8') : Buffer.concat(pending).toString('utf8'),
      );
  }
}
