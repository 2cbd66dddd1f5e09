import type { PyodideProcess } from './pyodide-process.js';

type Entry = { readonly process: PyodideProcess; ready: boolean };

/** Counts for benchmarks and diagnostics. */
export type WarmPoolStatus = { readonly size: number; readonly ready: number; readonly starting: number };

/**
 * Keeps `size` interpreters booting or booted so a session (or a restart) gets one without waiting
 * for Pyodide to load. Pooled children run no user code and keep no event-loop reference.
 */
export class WarmPool {
  private readonly entries: Entry[] = [];
  private readonly size: number;
  private readonly spawn: () => PyodideProcess;
  private readonly canSpawn: () => boolean;
  private disposed = false;

  /** `canSpawn` false defers refills, e.g. until a memory snapshot makes them cheaper; call `fill` then. */
  constructor(options: { size: number; spawn: () => PyodideProcess; canSpawn?: () => boolean }) {
    this.size = options.size;
    this.spawn = options.spawn;
    this.canSpawn = options.canSpawn ?? (() => true);
  }

  /** A booted interpreter if there is one, else the one closest to ready, else a new one; then refills. */
  take(): PyodideProcess {
    const index = Math.max(
      0,
      this.entries.findIndex((entry) => entry.ready),
    );
    const entry = this.entries.splice(index, 1)[0];
    const process = entry?.process ?? this.spawn();
    this.fill();
    return process;
  }

  /** Starts interpreters until the pool holds `size`. */
  fill(): void {
    while (!this.disposed && this.entries.length < this.size && this.canSpawn()) {
      const entry: Entry = { process: this.spawn(), ready: false };
      this.entries.push(entry);
      entry.process.ready.then(
        () => {
          entry.ready = true;
        },
        () => this.remove(entry),
      );
      entry.process.exited.then(() => {
        // A pooled child that dies after booting is replaced; one that fails to boot is not, so a
        // broken installation does not spin. The next `take` starts a fresh one and reports the error.
        if (this.remove(entry) && entry.ready) this.fill();
      });
    }
  }

  /** Resolves once every pooled interpreter has booted or failed. */
  async whenFull(): Promise<void> {
    await Promise.allSettled(this.entries.map((entry) => entry.process.held(entry.process.ready)));
  }

  status(): WarmPoolStatus {
    const ready = this.entries.filter((entry) => entry.ready).length;
    return { size: this.size, ready, starting: this.entries.length - ready };
  }

  /** Kills every pooled interpreter and stops refilling. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.entries.splice(0).map((entry) => entry.process.stop()));
  }

  private remove(entry: Entry): boolean {
    const index = this.entries.indexOf(entry);
    if (index === -1) return false;
    this.entries.splice(index, 1);
    return true;
  }
}
