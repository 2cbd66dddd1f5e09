import {
  CodeActError,
  createToolHost,
  type Executor,
  type ExecutorSession,
  ModelCallError,
  runAgent,
  type Trajectory,
} from '@codeact/core';
import type { EpisodeOptions, EpisodeResult, RunScope } from '../../harness/benchmark-suite.js';
import { m3ActionFormat } from './m3-action-format.js';
import { loadM3Data, type M3Format, type M3Task, m3Formats } from './m3-data.js';
import { buildM3Prompt } from './m3-prompt.js';
import { M3Session, m3Prelude } from './m3-runtime.js';

/** Sent after a wrong answer (spec §2.7). */
export const m3IncorrectFeedback =
  'Your answer is incorrect. Please try again. Note that you should ONLY output the answer (e.g., single number), without any other text.';

function isM3Format(format: string): format is M3Format {
  return (m3Formats as readonly string[]).includes(format);
}

/** A context-window error from the API ends the episode, unsolved, as in the original. */
function isContextLimit(error: unknown): boolean {
  if (!CodeActError.isInstance(error)) return false;
  const status = error instanceof ModelCallError ? error.statusCode : undefined;
  return (
    /context|maximum.*tokens|too long/i.test(error.message) &&
    (status === undefined || status === 400 || status === 413)
  );
}

type SessionPool = { readonly spares: Map<string, Promise<ExecutorSession>> };

/**
 * Opens a session with the task family's tools and the protocol helpers (fresh state). Within a run,
 * the next session of the same family is started in the background, so the interpreter start-up
 * overlaps the current episode; unused ones are closed when the run ends.
 */
export async function openM3Session(options: {
  readonly task: M3Task;
  readonly executor: () => Promise<Executor>;
  readonly fixed: boolean;
  readonly abortSignal?: AbortSignal | undefined;
  readonly run?: RunScope | undefined;
}): Promise<M3Session> {
  const data = await loadM3Data();
  const prelude = m3Prelude(data, options.task.family, options.fixed);
  const open = async () =>
    (await options.executor()).createSession({ tools: createToolHost([], { pythonPrelude: prelude }) });
  let inner: ExecutorSession;
  if (!options.run) inner = await open();
  else {
    let pool = options.run.state.get('m3tooleval:sessions') as SessionPool | undefined;
    if (!pool) {
      const created: SessionPool = { spares: new Map() };
      options.run.state.set('m3tooleval:sessions', created);
      options.run.defer(async () => {
        const spares = [...created.spares.values()];
        created.spares.clear();
        await Promise.all(spares.map(async (spare) => (await spare.catch(() => undefined))?.close()));
      });
      pool = created;
    }
    const key = `${options.task.family}:${options.fixed}`;
    const spare = pool.spares.get(key);
    const next = open();
    next.catch(() => {});
    pool.spares.set(key, next);
    inner = await (spare ? spare.catch(() => open()) : open());
  }
  return new M3Session(inner, options.abortSignal);
}

/**
 * One M³ToolEval episode (spec §2): the prompt as the only user message, temperature 0, 512 tokens,
 * at most 10 generations, post-processing and parsing as the original, observations and feedback
 * verbatim; ends at the first correct answer.
 */
export async function runM3Episode(options: EpisodeOptions<M3Task>): Promise<EpisodeResult> {
  const { task, format, model, abortSignal } = options;
  if (!isM3Format(format)) throw new TypeError(`M3ToolEval has no format ${format}.`);
  const fixed = options.suiteOptions.fixed === true;
  const data = await loadM3Data();
  const actionFormat = m3ActionFormat(format);
  const session = await openM3Session({ task, executor: options.executor, fixed, abortSignal, run: options.run });
  const started = performance.now();
  let trajectory: Trajectory;
  let endReason: string;
  try {
    try {
      const result = await runAgent({
        model,
        session,
        prompt: buildM3Prompt(task, data.toolsets[task.family], format, fixed),
        system: false,
        actionFormat,
        maxTurns: 10,
        temperature: 0,
        maxOutputTokens: 512,
        actionTimeoutMs: 30_000,
        // Invalid replies and repeated failures only cost turns in this protocol.
        maxConsecutiveInvalid: Number.POSITIVE_INFINITY,
        stuckRepeats: Number.POSITIVE_INFINITY,
        ...(model.modelId.includes('lemur') ? { stopSequences: ['###'] } : {}),
        observation: { render: (execution) => session.observationOf(execution) },
        handleToolCall: (action) => {
          const content =
            actionFormat.contentOf(action) ?? JSON.stringify({ tool: action.toolName, args: action.args });
          return session.toolCall(format === 'text' ? 'text' : 'json', content);
        },
        checkAnswer: async (answer) => ({
          correct: await session.check(answer, task.expectedRepr),
          feedback: m3IncorrectFeedback,
        }),
        taskId: task.id,
        abortSignal,
        metadata: { suite: 'm3tooleval', format, fixed, expected: task.expectedStr },
      });
      if (result.status === 'aborted') throw abortSignal.reason ?? new Error('aborted');
      trajectory = result.trajectory;
      endReason = result.status === 'answer' ? 'correct' : 'limit';
    } catch (error) {
      const partial = CodeActError.isInstance(error) ? (error.trajectory as Trajectory | undefined) : undefined;
      if (!partial || !isContextLimit(error)) throw error;
      trajectory = partial;
      endReason = 'context_limit';
    }
  } finally {
    await session.close().catch(() => {});
  }
  return {
    taskId: task.id,
    format,
    success: endReason === 'correct',
    turns: trajectory.steps.length,
    usage: trajectory.usage,
    endReason,
    durationMs: performance.now() - started,
    trajectory,
    extra: { family: task.family },
  };
}
