import { type MintResult, mintHistoryTurns, parseMintResult } from '@codeact/mint';
import type { RecordedEpisode } from './recorded-episode.js';

export type ReadMintEpisodesResult =
  | { readonly success: true; readonly value: RecordedEpisode[]; readonly error?: never }
  | { readonly success: false; readonly value?: never; readonly error: string };

/**
 * The recorded episodes in the text of a MINT `results.jsonl` for task family `family` (task ids
 * become `family/<id>`), read with `@codeact/mint`'s one reader of MINT results.
 */
export function readMintEpisodes(text: string, options: { family: string; file: string }): ReadMintEpisodesResult {
  const episodes: RecordedEpisode[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${options.file}:${index + 1}`;
    let result: MintResult;
    try {
      result = parseMintResult(JSON.parse(line), where);
    } catch (error) {
      const message = error instanceof SyntaxError ? `${where}: not JSON (${error.message})` : (error as Error).message;
      return { success: false, error: message };
    }
    const { state, task } = result;
    episodes.push({
      taskId: `${options.family}/${task.task_id}`,
      prompt: state.history[0]?.role === 'user' ? state.history[0].content : undefined,
      turns: mintHistoryTurns(state.history),
      outcome: {
        success: state.success,
        reason: state.terminate_reason ?? undefined,
        ...(state.terminate_reason === 'error' && state.error ? { modelError: state.error } : {}),
      },
      source: { format: 'mint', file: options.file, line: index + 1 },
    });
  }
  return { success: true, value: episodes };
}
