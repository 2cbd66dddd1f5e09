import { z } from 'zod';
import type { RecordedEpisode, RecordedTurn } from './recorded-episode.js';

const MintResultLine = z.object({
  state: z.object({
    history: z.array(z.object({ role: z.string(), content: z.string() })),
    success: z.boolean().optional(),
    terminate_reason: z.string().nullish(),
    error: z.string().nullish(),
  }),
  task: z.object({ task_id: z.union([z.string(), z.number()]) }).loose(),
});

/** True when a parsed JSONL line looks like a MINT `results.jsonl` record. */
export function isMintResultLine(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'state' in json && 'task' in json;
}

/** The model's own text from a stored assistant turn: MINT added `Assistant:\n` (unless present) and `\n`. */
export function unstoreMintReply(content: string): string {
  const text = content.endsWith('\n') ? content.slice(0, -1) : content;
  return text.startsWith('Assistant:\n') ? text.slice('Assistant:\n'.length) : text;
}

/**
 * The turns of a MINT `state.history`: each assistant message is a reply and the user message after
 * it its observation. Two user messages in a row mean the model produced nothing (MINT stores no
 * assistant message for an empty reply but still answers it), so an empty reply is replayed there.
 */
export function mintHistoryTurns(history: readonly { role: string; content: string }[]): RecordedTurn[] {
  const turns: RecordedTurn[] = [];
  for (let index = 1; index < history.length; ) {
    const message = history[index] as { role: string; content: string };
    if (message.role === 'assistant') {
      const next = history[index + 1];
      const observation = next?.role === 'user' ? next.content : undefined;
      turns.push({ reply: unstoreMintReply(message.content), observation });
      index += observation === undefined ? 1 : 2;
    } else {
      turns.push({ reply: '', observation: message.content });
      index += 1;
    }
  }
  return turns;
}

export type ReadMintResultsResult =
  | { readonly success: true; readonly value: RecordedEpisode[]; readonly error?: never }
  | { readonly success: false; readonly value?: never; readonly error: string };

/** Parses the text of a MINT `results.jsonl` for task family `family` (task ids become `family/<id>`). */
export function readMintResults(text: string, options: { family: string; file: string }): ReadMintResultsResult {
  const episodes: RecordedEpisode[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      return { success: false, error: `${options.file}:${index + 1}: not JSON (${(error as Error).message})` };
    }
    const parsed = MintResultLine.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        success: false,
        error: `${options.file}:${index + 1}: not a MINT result (${issue?.path.join('.')}: ${issue?.message})`,
      };
    }
    const { state, task } = parsed.data;
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
