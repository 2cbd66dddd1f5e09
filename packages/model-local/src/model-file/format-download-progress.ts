import type { DownloadProgress } from './download-model-file.js';

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 100 * 1024 * 1024 ? 1 : 0);

/** One line such as `qwen.gguf  43% [########------------] 480/1117 MB`, for a terminal progress bar. */
export function formatDownloadProgress(progress: DownloadProgress, width = 20): string {
  const { file, downloadedBytes, totalBytes } = progress;
  if (totalBytes === undefined || totalBytes === 0) return `${file}  ${megabytes(downloadedBytes)} MB`;
  const fraction = Math.min(1, downloadedBytes / totalBytes);
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const resumed = progress.resumedFromBytes > 0 ? ' (resumed)' : '';
  return `${file} ${percent} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${megabytes(downloadedBytes)}/${megabytes(totalBytes)} MB${resumed}`;
}

/**
 * A progress callback that redraws one line on a terminal stream (`process.stderr`), at most every
 * `intervalMs`; on a non-terminal stream it writes only the start and the end.
 */
export function createDownloadProgressReporter(
  stream: { write(text: string): unknown; isTTY?: boolean | undefined },
  options: { intervalMs?: number; now?: () => number } = {},
): (progress: DownloadProgress) => void {
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;
  let started = false;
  return (progress) => {
    if (!stream.isTTY) {
      if (!started) stream.write(`Downloading ${progress.file}…\n`);
      if (progress.done) stream.write(`${formatDownloadProgress(progress)}\n`);
      started = true;
      return;
    }
    started = true;
    if (!progress.done && now() - last < intervalMs) return;
    last = now();
    stream.write(`\r\u001b[2K${formatDownloadProgress(progress)}${progress.done ? '\n' : ''}`);
  };
}
