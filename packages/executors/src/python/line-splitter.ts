const newline = 0x0a;

/** Splits a byte stream into lines without re-copying partial lines on every chunk. */
export class LineSplitter {
  private pending: Buffer[] = [];
  private readonly onLine: (line: string) => void;

  constructor(onLine: (line: string) => void) {
    this.onLine = onLine;
  }

  push(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(newline, start);
    while (end !== -1) {
      const piece = chunk.subarray(start, end);
      if (this.pending.length > 0) {
        this.pending.push(piece);
        const line = Buffer.concat(this.pending).toString('utf8');
        this.pending = [];
        this.onLine(line);
      } else {
        this.onLine(piece.toString('utf8'));
      }
      start = end + 1;
      end = chunk.indexOf(newline, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }
}
