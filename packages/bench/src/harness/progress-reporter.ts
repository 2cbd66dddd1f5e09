import type { EpisodeRef, Progress, Reporter } from './reporter.js';

export type ProgressReporterOptions = {
  /** Where to draw. Default `process.stderr`. */
  readonly stream?: { write(text: string): unknown; readonly isTTY?: boolean | undefined } | undefined;
  /** Bar width in characters. Default 30. */
  readonly width?: number | undefined;
};

function bar(progress: Progress, width: number): string {
  const ratio = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

function line(progress: Progress, width: number, last: EpisodeRef | undefined): string {
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  const tail = last ? ` ${last.format} ${last.taskId}` : '';
  return `${bar(progress, width)} ${progress.done}/${progress.total} ${percent}% ✓${progress.succeeded} ✗${progress.failed}${tail}`;
}

/**
 * Draws a progress bar on stderr: redrawn in place on a terminal, one line per episode otherwise
 * (so logs and CI output stay readable).
 */
export function createProgressReporter(options: ProgressReporterOptions = {}): Reporter {
  const stream = options.stream ?? process.stderr;
  const width = options.width ?? 30;
  const tty = stream.isTTY === true;
  let drawn = false;
  const draw = (text: string) => {
    if (tty) {
      stream.write(`\r\x1b[2K${text}`);
      drawn = true;
    } else stream.write(`${text}\n`);
  };
  return {
    onRunStart(info) {
      const resumed = info.skipped > 0 ? `, ${info.skipped} already done` : '';
      stream.write(
        `${info.suite}: ${info.taskCount} tasks × ${info.formats.join(',')} = ${info.total} episodes with ${info.model}${resumed} → ${info.outDir}\n`,
      );
    },
    onEpisodeEnd(result, progress) {
      draw(line(progress, width, result));
    },
    onEpisodeError(episode, progress) {
      const message = episode.error instanceof Error ? episode.error.message : String(episode.error);
      if (drawn) stream.write('\n');
      drawn = false;
      stream.write(`error in ${episode.format} ${episode.taskId}: ${message}\n`);
      draw(line(progress, width, episode));
    },
    onRunEnd(run) {
      if (drawn) stream.write('\n');
      const parts = run.formats.map((format) => {
        const entry = run.results.filter((r) => r.format === format);
        const ok = entry.filter((r) => r.success).length;
        return `${format} ${ok}/${entry.length}`;
      });
      const status = run.complete ? 'done' : 'stopped early';
      stream.write(`${status} in ${(run.durationMs / 1000).toFixed(1)} s: ${parts.join(', ')} → ${run.outDir}\n`);
    },
  };
}
