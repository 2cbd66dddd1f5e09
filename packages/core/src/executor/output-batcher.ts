import type { OutputChunk } from './executor.js';

export type OutputBatcher = {
  /** Queues text; consecutive text of one stream is joined into one chunk. */
  push(stream: OutputChunk['stream'], text: string): void;
  /** Delivers what is queued now (call it before the action's result is returned). */
  flush(): void;
};

export type OutputBatcherOptions = {
  /** Longest a queued byte waits. Default 50 ms. */
  readonly intervalMs?: number;
  /** Queued size that is delivered at once. Default 4 KiB. */
  readonly maxBytes?: number;
};

/**
 * Batches live output for `ExecuteOptions.onOutput`: order is kept across streams, nothing is
 * dropped, and a listener that throws does not disturb the action.
 */
export function createOutputBatcher(
  onOutput: (chunk: OutputChunk) => void,
  options: OutputBatcherOptions = {},
): OutputBatcher {
  const intervalMs = options.intervalMs ?? 50;
  const maxBytes = options.maxBytes ?? 4096;
  let stream: OutputChunk['stream'] = 'stdout';
  let parts: string[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (parts.length === 0) return;
    const text = parts.join('');
    parts = [];
    size = 0;
    try {
      onOutput({ stream, text });
    } catch {
      // A failing listener must not end the action.
    }
  };

  return {
    push(next, text) {
      if (text === '') return;
      if (next !== stream) {
        flush();
        stream = next;
      }
      parts.push(text);
      size += text.length;
      if (size >= maxBytes) flush();
      else timer ??= setTimeout(flush, intervalMs);
    },
    flush,
  };
}
