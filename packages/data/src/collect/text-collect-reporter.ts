import type { CollectReporter } from './collect-reporter.js';

/** Progress as text lines (for stderr): one per finished episode, with a running count. */
export function createTextCollectReporter(write: (line: string) => void): CollectReporter {
  let total = 0;
  let finished = 0;
  return {
    onCollectStart({ planned, skipped, tasks }) {
      total = planned - skipped;
      write(`collect: ${tasks} tasks, ${planned} episodes, ${skipped} already stored, ${total} to run`);
    },
    onFallbackStart({ planned, skipped }) {
      total += planned - skipped;
      write(`collect: fallback model on ${planned} unsolved tasks (${skipped} already stored)`);
    },
    onEpisodeEnd({ taskId, model, role, success, turns }) {
      finished += 1;
      const tag = role === 'fallback' ? ' (fallback)' : '';
      write(`[${finished}/${total}] ${taskId} ${model}${tag}: ${success ? 'solved' : 'unsolved'} in ${turns} turns`);
    },
    onEpisodeError({ taskId, model, error }) {
      finished += 1;
      write(
        `[${finished}/${total}] ${taskId} ${model}: error: ${error instanceof Error ? error.message : String(error)} (retried on resume)`,
      );
    },
    onCollectEnd({ completed, solved, failed, skipped, aborted, fallback }) {
      const parts = [`${completed} run`, `${solved} solved`, `${failed} failed`, `${skipped} skipped`];
      if (fallback.planned > 0) parts.push(`fallback ${fallback.solved}/${fallback.completed} solved`);
      write(`collect: ${aborted ? 'stopped' : 'done'}: ${parts.join(', ')}`);
    },
  };
}
