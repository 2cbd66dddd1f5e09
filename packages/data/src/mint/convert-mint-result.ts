import type { Action, Trajectory, TrajectoryStep } from '@codeact/core';
import { z } from 'zod';

/** One line of a MINT `results.jsonl` (also what CodeActInstruct generation wrote, spec §2.2). */
export const MintResult = z.object({
  state: z.object({
    history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })),
    success: z.boolean(),
    finished: z.boolean().optional(),
    terminate_reason: z.string().nullable().optional(),
    agent_action_count: z.record(z.string(), z.number()).optional(),
    token_counter: z.record(z.string(), z.number()).optional(),
    error: z.string().nullable().optional(),
  }),
  task: z.object({
    task_name: z.string(),
    task_id: z.union([z.string(), z.number()]),
    prompt: z.string().optional(),
    reference: z.unknown().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});
export type MintResult = z.infer<typeof MintResult>;

export type ConvertMintResultOptions = {
  /** Dataset name, e.g. `hotpotqa` (the results file's stem). MINT's own `task_name` is often just `reasoning`. */
  readonly source: string;
  /** The model that produced the run, e.g. `CodeActAgent-Mistral-7b-v0.1`. */
  readonly model: string;
  /** The run setting, kept in the id. Default `max5_p2+tool+cd`. */
  readonly setting?: string;
  /** Default `1970-01-01T00:00:00.000Z`: recorded runs carry no time. */
  readonly createdAt?: string;
};

const wrongAnswer = 'Observation:\nYour answer is wrong.';

function blocks(text: string, tag: string): string[] {
  return [...text.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => (match[1] ?? '').trim());
}

function thoughtOf(text: string): string {
  const start = text.search(/<execute>|<solution>/);
  const before = start === -1 ? text : text.slice(0, start);
  return before
    .trim()
    .replace(/^Assistant:/, '')
    .replace(/<\/?thought>/g, '')
    .trim();
}

/** MINT's action rule (spec §1.3): any `<solution>` makes a proposal; else `<execute>` blocks joined by `\n`. */
export function parseMintTurn(text: string, feedback = ''): Action {
  const thought = thoughtOf(text);
  if (text.includes('<solution>')) {
    const answers = blocks(text, 'solution');
    if (answers.length === 0) return { type: 'invalid', reason: 'a <solution> without its closing tag', feedback };
    return { type: 'answer', answer: answers.join('\n'), thought };
  }
  const code = blocks(text, 'execute');
  if (code.length === 0) return { type: 'invalid', reason: 'neither <execute> nor <solution>', feedback };
  return { type: 'code', code: code.join('\n'), thought };
}

/**
 * Turns one recorded MINT episode into a trajectory. The history is kept verbatim as `messages`
 * (one user prompt, then `Assistant:\n…` turns and `Observation:\n…` replies), so the CodeActInstruct
 * filters and the §2.5 conversion see exactly what the original pipeline saw. MINT's counters,
 * verdict and reference go to `metadata.mint`.
 */
export function convertMintResult(result: MintResult, options: ConvertMintResultOptions): Trajectory {
  const { state, task } = result;
  const createdAt = options.createdAt ?? '1970-01-01T00:00:00.000Z';
  const history = state.history;
  const steps: TrajectoryStep[] = [];
  history.forEach((message, index) => {
    if (index === 0 || message.role !== 'assistant') return;
    const next = history[index + 1];
    const observation = next?.role === 'user' ? next.content : undefined;
    const action = parseMintTurn(message.content, observation ?? '');
    const isLast = !history.slice(index + 1).some((later) => later.role === 'assistant');
    let correct: boolean | undefined;
    if (action.type === 'answer') {
      if (observation?.startsWith(wrongAnswer)) correct = false;
      else if (isLast) correct = state.success;
    }
    steps.push({
      index: steps.length,
      startedAt: createdAt,
      durationMs: 0,
      reply: { text: message.content, finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 }, durationMs: 0 },
      action,
      ...(observation === undefined ? {} : { observation }),
      ...(correct === undefined ? {} : { correct }),
    });
  });
  const lastAnswer = [...steps].reverse().find((step) => step.action.type === 'answer')?.action;
  const reason = state.terminate_reason ?? undefined;
  const outcome: Trajectory['outcome'] = state.success
    ? { status: 'answer', ...(lastAnswer?.type === 'answer' ? { answer: lastAnswer.answer } : {}) }
    : reason === 'error'
      ? { status: 'error', reason: state.error ?? 'error', error: { code: 'MINT_ERROR', message: state.error ?? '' } }
      : { status: 'max-turns', ...(reason ? { reason } : {}) };
  const setting = options.setting ?? 'max5_p2+tool+cd';
  const taskId = `${options.source}/${task.task_id}`;
  return {
    schemaVersion: 1,
    id: `${taskId}/${options.model}/${setting}`,
    createdAt,
    taskId,
    model: { provider: 'mint', modelId: options.model },
    executor: { executorId: 'mint-ipython', description: `recorded MINT run (${setting})` },
    actionFormat: 'code',
    messages: history.map((message) => ({ role: message.role, content: message.content })),
    steps,
    outcome,
    usage: {
      inputTokens: state.token_counter?.prompt_tokens ?? 0,
      outputTokens: state.token_counter?.completion_tokens ?? 0,
    },
    durationMs: 0,
    metadata: {
      source: options.source,
      success: state.success,
      mint: {
        taskName: task.task_name,
        taskId: task.task_id,
        reference: task.reference ?? null,
        terminateReason: state.terminate_reason ?? null,
        agentActionCount: state.agent_action_count ?? {},
        taskMetadata: task.metadata ?? {},
        setting,
      },
    },
  };
}
