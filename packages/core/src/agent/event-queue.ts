/** An unbounded single-consumer async queue: the loop pushes, one iterator pulls. */
export class EventQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  /** Index of the next item: shifting a long array is linear, so items are consumed by index. */
  private head = 0;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private closed = false;
  private iterated = false;

  push(item: T): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  close(): void {
    this.closed = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterated) throw new Error('An agent stream can be iterated only once.');
    this.iterated = true;
    return {
      next: () => {
        if (this.head < this.items.length) {
          const item = this.items[this.head] as T;
          this.head += 1;
          if (this.head === this.items.length || (this.head > 4096 && this.head * 2 > this.items.length)) {
            this.items = this.items.slice(this.head);
            this.head = 0;
          }
          return Promise.resolve({ value: item, done: false });
        }
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
    };
  }
}
