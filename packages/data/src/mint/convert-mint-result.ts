import type { Trajectory, TrajectoryStep } from '@codeact/core';
import { type MintResult, mintCoreAction, parseMintReply, unstoreMintReply } from '@codeact/mint';

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
    const action = mintCoreAction(parseMintReply(unstoreMintReply(message.content)));
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
