import type { EpisodeResult, SummaryEntry } from './benchmark-suite.js';

/** Success count, total and mean turns of some episodes. */
export function summarizeEpisodes(results: readonly EpisodeResult[]): SummaryEntry {
  const success = results.filter((result) => result.success).length;
  const turns = results.reduce((sum, result) => sum + result.turns, 0);
  return { success, total: results.length, avgTurns: results.length === 0 ? 0 : turns / results.length };
}

/** The default summary: `{ [format]: { success, total, avgTurns } }`, formats in the given order. */
export function summarizeByFormat(
  results: readonly EpisodeResult[],
  formats: readonly string[],
): Record<string, SummaryEntry> {
  const summary: Record<string, SummaryEntry> = {};
  for (const format of formats) summary[format] = summarizeEpisodes(results.filter((r) => r.format === format));
  return summary;
}

/** `41.5` for 34 of 82: a percentage with one decimal, as the paper prints it. */
export function percent(success: number, total: number): string {
  return total === 0 ? '–' : ((success / total) * 100).toFixed(1);
}
