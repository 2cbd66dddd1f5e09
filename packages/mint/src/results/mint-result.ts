import { ConfigurationError } from '@codeact/core';
import { z } from 'zod';

/** One line of a MINT `results.jsonl` (also what CodeActInstruct generation wrote, spec §2.2). */
export const MintResult = z.object({
  state: z.object({
    history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })),
    success: z.boolean(),
    finished: z.boolean().optional(),
    terminate_reason: z.string().nullish(),
    agent_action_count: z.record(z.string(), z.number()).optional(),
    token_counter: z.record(z.string(), z.number()).optional(),
    error: z.string().nullish(),
  }),
  task: z
    .object({
      task_name: z.string(),
      task_id: z.union([z.string(), z.number()]),
      prompt: z.string().optional(),
      reference: z.unknown().optional(),
      metadata: z.record(z.string(), z.unknown()).nullish(),
    })
    .loose(),
});
export type MintResult = z.infer<typeof MintResult>;

/** True when a parsed JSONL line looks like a MINT `results.jsonl` record (to tell it from other JSONL). */
export function isMintResultLine(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'state' in json && 'task' in json;
}

/** Validates one parsed line; `where` (`file:line`) names it in the `ConfigurationError` of a bad one. */
export function parseMintResult(json: unknown, where: string): MintResult {
  const parsed = MintResult.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigurationError(`${where}: not a MINT result (${issue?.path.join('.')}: ${issue?.message}).`);
}

/** The model's own text from a stored assistant turn: MINT added `Assistant:\n` (unless present) and `\n`. */
export function unstoreMintReply(content: string): string {
  const text = content.endsWith('\n') ? content.slice(0, -1) : content;
  return text.startsWith('Assistant:\n') ? text.slice('Assistant:\n'.length) : text;
}

/** One turn of a recorded MINT episode: the model's reply and the environment message after it. */
export type MintHistoryTurn = { readonly reply: string; readonly observation: string | undefined };

/**
 * The turns of a MINT `state.history`: each assistant message is a reply and the user message after
 * it its observation. Two user messages in a row mean the model produced nothing (MINT stores no
 * assistant message for an empty reply but still answers it), so the turn's reply is empty.
 */
export function mintHistoryTurns(history: readonly { role: string; content: string }[]): MintHistoryTurn[] {
  const turns: MintHistoryTurn[] = [];
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
