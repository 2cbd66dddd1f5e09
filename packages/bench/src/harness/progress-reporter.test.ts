import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';
import type { Progress } from './reporter.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (text: string) => chunks.push(text) } };
}

const progress: Progress = { done: 3, total: 6, succeeded: 2, failed: 1 };
const result = {
  taskId: 'demo/alpha',
  format: 'code',
  success: true,
  turns: 2,
  usage: { inputTokens: 1, outputTokens: 1 },
  endReason: 'correct',
  durationMs: 1,
  trajectory: undefined as never,
};

describe('createProgressReporter', () => {
  it('redraws one line in place on a terminal', () => {
    const { chunks, stream } = sink(true);
    const reporter = createProgressReporter({ stream, width: 10 });
    reporter.onEpisodeEnd?.(result, progress);
    expect(chunks).toEqual(['\r\x1b[2K[#####-----] 3/6 50% ✓2 ✗1 code demo/alpha']);
  });

  it('writes a line per episode when not a terminal', () => {
    const { chunks, stream } = sink(false);
    const reporter = createProgressReporter({ stream, width: 4 });
    reporter.onRunStart?.({
      suite: 'demo',
      model: 'script:x',
      formats: ['code'],
      taskCount: 6,
      total: 6,
      skipped: 2,
      outDir: '/o',
    });
    reporter.onEpisodeEnd?.(result, progress);
    reporter.onEpisodeError?.({ taskId: 'demo/beta', format: 'code', error: new Error('boom') }, progress);
    expect(chunks).toEqual([
      'demo: 6 tasks × code = 6 episodes with script:x, 2 already done → /o\n',
      '[##--] 3/6 50% ✓2 ✗1 code demo/alpha\n',
      'error in code demo/beta: boom\n',
      '[##--] 3/6 50% ✓2 ✗1 code demo/beta\n',
    ]);
  });
});
