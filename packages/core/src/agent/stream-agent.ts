import { randomUUID } from 'node:crypto';
import type { Action } from '../action/action.js';
import { codeActFormat } from '../action/codeact-format.js';
import { CodeActError } from '../errors/codeact-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import type { Execution } from '../executor/execution.js';
import type { ExecutorSession } from '../executor/executor.js';
import type { TokenUsage } from '../model/language-model.js';
import type { ModelMessage } from '../model/model-message.js';
import { renderObservation } from '../prompt/render-observation.js';
import { createRedactor, redactExecution, secretsFromEnvironment } from '../security/redact-secrets.js';
import type { ToolApprover } from '../tool/tool-approval.js';
import { createToolHost } from '../tool/tool-host.js';
import type { RunStatus, Trajectory, TrajectoryStep, Usage } from '../trajectory/trajectory-schema.js';
import { trajectorySchemaVersion } from '../trajectory/trajectory-schema.js';
import type { AgentEvent } from './agent-event.js';
import type { AgentOptions, StepContext } from './agent-options.js';
import { EventQueue } from './event-queue.js';
import { interruptedReplyStep, OutputSoFar } from './interrupted-step.js';
import { readReply } from './read-reply.js';
import { StuckDetector, stuckRedirectNote } from './stuck-detector.js';

/** How a run ended, with its full record. */
export type RunResult = {
  readonly status: RunStatus;
  readonly answer: string | undefined;
  readonly reason: string | undefined;
  readonly trajectory: Trajectory;
  /** The conversation after the run; pass it back as `messages` to continue a chat. */
  readonly messages: readonly ModelMessage[];
  readonly usage: Usage;
};

/** Events as they happen, plus the final result. Iterate at most once. */
export type AgentStream = AsyncIterable<AgentEvent> & { readonly result: Promise<RunResult> };

const defaultNoActionFeedback =
  'Your reply contained neither code nor an answer. To run code, put it in <execute> </execute>; when you have the final answer, give it as <solution> YOUR_ANSWER </solution>.';

const defaultMaxReplyChars = 256 * 1024;

function replyCapNote(maxReplyChars: number): string {
  return `Your reply was longer than ${maxReplyChars} characters; it was cut there and the rest was not read. Keep replies short: one thought, then one action.`;
}

type Outcome = { status: RunStatus; answer?: string; reason?: string; error?: { code: string; message: string } };

class RunEnded extends Error {
  readonly outcome: Outcome;
  constructor(outcome: Outcome) {
    super(outcome.reason ?? outcome.status);
    this.outcome = outcome;
  }
}

function addUsage(total: Usage, usage: TokenUsage): void {
  total.inputTokens += usage.inputTokens ?? 0;
  total.outputTokens += usage.outputTokens ?? 0;
}

/**
 * Runs the CodeAct loop: ask the model, parse its action, run code in the session, feed the
 * observation back, until an answer, a chat message, or a budget ends the run.
 *
 * @example
 * const stream = streamAgent({ model, executor, prompt: 'What is 2**100?' });
 * for await (const event of stream) if (event.type === 'text-delta') process.stdout.write(event.text);
 * const { answer } = await stream.result;
 */
export function streamAgent(options: AgentOptions): AgentStream {
  if (!options.session && !options.executor) {
    throw new ConfigurationError('streamAgent needs an `executor` (or an open `session`).');
  }
  if (options.prompt === undefined && !options.messages?.length) {
    throw new ConfigurationError('streamAgent needs a `prompt` or earlier `messages`.');
  }
  const queue = new EventQueue<AgentEvent>();
  const result = runLoop(options, (event) => queue.push(event)).finally(() => queue.close());
  result.catch(() => {});
  return Object.assign(queue, { result }) as AgentStream;
}

async function runLoop(options: AgentOptions, emit: (event: AgentEvent) => void): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? randomUUID;
  const format = options.actionFormat ?? codeActFormat({ mode: options.mode ?? 'task' });
  const mode = options.mode ?? 'task';
  const maxTurns = options.maxTurns ?? 10;
  const maxConsecutiveInvalid = options.maxConsecutiveInvalid ?? 3;
  const stuckRepeats = options.stuckRepeats ?? 3;
  const maxReplyChars = options.maxReplyChars ?? defaultMaxReplyChars;
  const tools = options.tools ?? options.toolHost?.tools ?? [];
  const runId = generateId();
  const startedAt = now();
  const startMs = performance.now();
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const steps: TrajectoryStep[] = [];
  const messages: ModelMessage[] = [...(options.messages ?? [])];
  if (messages.length === 0 && options.system !== false) {
    messages.push({ role: 'system', content: options.system ?? format.instructions(tools) });
  }

  const runController = new AbortController();
  const signals = [runController.signal];
  if (options.abortSignal) signals.push(options.abortSignal);
  const timeLimit = options.timeLimitMs === undefined ? undefined : AbortSignal.timeout(options.timeLimitMs);
  if (timeLimit) signals.push(timeLimit);
  const abortSignal = AbortSignal.any(signals);

  const executorInfo = options.executor
    ? { executorId: options.executor.executorId, description: options.executor.description }
    : { executorId: 'session', description: 'caller-provided session' };
  const interrupted = () => Boolean(options.abortSignal?.aborted || timeLimit?.aborted);
  const checkInterrupted = () => {
    if (options.abortSignal?.aborted) throw new RunEnded({ status: 'aborted', reason: 'aborted by the caller' });
    if (timeLimit?.aborted) {
      throw new RunEnded({ status: 'time-limit', reason: `time limit of ${options.timeLimitMs} ms reached` });
    }
  };

  emit({
    type: 'run-start',
    runId,
    model: `${options.model.provider}:${options.model.modelId}`,
    executor: executorInfo.executorId,
    startedAt: startedAt.toISOString(),
  });
  if (options.prompt !== undefined) {
    messages.push({ role: 'user', content: options.prompt });
    emit({ type: 'user-message', runId, text: options.prompt });
  }

  let session: ExecutorSession | undefined = options.session;
  const ownsSession = !options.session;
  let outcome: Outcome = { status: 'max-turns', reason: `no answer within ${maxTurns} turns` };
  /** A run-ending error, rethrown from `result` after `run-end` has been emitted. */
  let thrown: { error: unknown } | undefined;
  const stuck = new StuckDetector();
  let redirected = false;
  let consecutiveInvalid = 0;

  const redact = createRedactor([...secretsFromEnvironment(process.env), ...(options.secrets ?? [])]);
  const toolScope = { runId, run: {}, budget: options.toolCallBudget, redact };
  const approverFor =
    (step: number): ToolApprover =>
    async (request) => {
      const { callId, toolName } = request;
      emit({ type: 'tool-approval-request', runId, step, callId, toolName, args: request.args });
      const decision = options.approveToolCall
        ? await options.approveToolCall({ ...request, runId }).catch(() => 'deny' as const)
        : 'deny';
      emit({ type: 'tool-approval-response', runId, step, callId, toolName, decision });
      return decision;
    };

  const getSession = async () => {
    if (!session && options.executor) {
      const toolHost =
        options.toolHost ?? (tools.length > 0 ? createToolHost(tools, { secrets: options.secrets ?? [] }) : undefined);
      session = await options.executor.createSession({ tools: toolHost, workDir: options.workDir, abortSignal });
    }
    return session as ExecutorSession;
  };

  const buildTrajectory = (outcome: Outcome): Trajectory => ({
    schemaVersion: trajectorySchemaVersion,
    id: runId,
    createdAt: startedAt.toISOString(),
    ...(options.taskId === undefined ? {} : { taskId: options.taskId }),
    ...(options.conversationId === undefined ? {} : { conversationId: options.conversationId }),
    model: { provider: options.model.provider, modelId: options.model.modelId },
    executor: executorInfo,
    actionFormat: format.name,
    messages: [...messages],
    steps: [...steps],
    outcome: {
      status: outcome.status,
      ...(outcome.answer === undefined ? {} : { answer: outcome.answer }),
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    },
    usage,
    durationMs: performance.now() - startMs,
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
  });

  try {
    for (let step = 0; step < maxTurns; step++) {
      checkInterrupted();
      const context: StepContext = {
        step,
        maxTurns,
        abortSignal,
        toolScope: { ...toolScope, approveToolCall: approverFor(step) },
      };
      const stepStartedAt = now();
      const stepStartMs = performance.now();
      emit({ type: 'step-start', runId, step });

      let streamed = '';
      const reply = await readReply(options.model, {
        messages: [...messages],
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
        stopSequences: [...format.stopSequences, ...(options.stopSequences ?? [])],
        abortSignal,
        taskId: options.taskId,
        maxReplyChars,
        onDelta: (text) => {
          streamed += text;
          emit({ type: 'text-delta', runId, step, text });
        },
      }).catch((error: unknown) => {
        // A reply cut short by Stop is kept (as what the model said so far), not lost.
        if (interrupted() && streamed) {
          const cut = format.parse(streamed, { finishReason: 'other' }).action;
          steps.push(interruptedReplyStep(step, stepStartedAt, stepStartMs, streamed, cut));
        }
        checkInterrupted();
        throw error;
      });
      addUsage(usage, reply.usage);
      const parsed = format.parse(reply.text + reply.after, { finishReason: reply.finishReason });
      const stored = options.storeReply ? options.storeReply(parsed.text) : parsed.text;
      messages.push({ role: 'assistant', content: stored });
      const replyUsage = { inputTokens: reply.usage.inputTokens ?? 0, outputTokens: reply.usage.outputTokens ?? 0 };
      emit({ type: 'reply-end', runId, step, text: parsed.text, finishReason: reply.finishReason, usage: replyUsage });
      const action: Action = parsed.action;
      emit({ type: 'action', runId, step, action });
      const recordStep = (
        outcome: Pick<TrajectoryStep, 'execution' | 'observation' | 'correct' | 'outcome'>,
      ): TrajectoryStep => ({
        index: step,
        startedAt: stepStartedAt.toISOString(),
        durationMs: performance.now() - stepStartMs,
        reply: {
          text: parsed.text,
          ...(reply.text + reply.after === parsed.text ? {} : { raw: reply.text + reply.after }),
          finishReason: reply.finishReason,
          usage: replyUsage,
          durationMs: reply.durationMs,
        },
        action,
        ...outcome,
      });

      let execution: Execution | undefined;
      let observation: string | undefined;
      let correct: boolean | undefined;
      let end: Outcome | undefined;

      if (action.type !== 'invalid') consecutiveInvalid = 0;
      switch (action.type) {
        case 'code': {
          const active = await getSession();
          emit({ type: 'execution-start', runId, step, code: action.code });
          const output = new OutputSoFar();
          const executionStartMs = performance.now();
          execution = await active
            .execute({
              code: action.code,
              timeoutMs: options.actionTimeoutMs,
              abortSignal,
              toolScope: context.toolScope,
              onOutput: (chunk) => {
                output.add(chunk);
                emit({ type: 'execution-output', runId, step, stream: chunk.stream, text: redact(chunk.text) });
              },
            })
            .catch((error: unknown) => {
              if (!interrupted()) throw error;
              const executed = steps.filter((done) => done.execution).length;
              return output.interrupted('stopped', performance.now() - executionStartMs, executed + 1);
            });
          execution = redactExecution(execution, redact);
          emit({ type: 'execution-end', runId, step, execution });
          // Stopped while running: the step keeps its code and the output printed before the stop.
          if (interrupted()) steps.push(recordStep({ execution, outcome: 'aborted' }));
          checkInterrupted();
          observation = options.observation?.render
            ? options.observation.render(execution, context)
            : renderObservation(execution, options.observation ?? {});
          const repeats = stuck.record(action.code, execution);
          if (repeats >= stuckRepeats) {
            if (redirected) {
              end = { status: 'stuck', reason: `the same code failed with the same error ${repeats} times in a row` };
            } else {
              redirected = true;
              observation = `${observation}\n${stuckRedirectNote}`;
            }
          }
          break;
        }
        case 'tool-call': {
          if (!options.handleToolCall) {
            throw new ConfigurationError(`The ${format.name} action format needs a handleToolCall option.`);
          }
          observation = redact(await options.handleToolCall(action, context));
          break;
        }
        case 'answer': {
          if (!options.checkAnswer) {
            end = { status: 'answer', answer: action.answer };
            break;
          }
          const verdict = await options.checkAnswer(action.answer, context);
          correct = verdict.correct;
          if (verdict.correct) end = { status: 'answer', answer: action.answer };
          else if (verdict.stop) end = { status: 'max-turns', reason: 'answer rejected and no proposals left' };
          else observation = verdict.feedback ?? 'Your answer is wrong.';
          break;
        }
        case 'message': {
          if (mode === 'chat') end = { status: 'message', answer: action.text };
          else observation = options.noActionFeedback ?? defaultNoActionFeedback;
          break;
        }
        case 'invalid': {
          consecutiveInvalid += 1;
          observation = action.feedback;
          if (consecutiveInvalid >= maxConsecutiveInvalid) {
            end = {
              status: 'stuck',
              reason: `${consecutiveInvalid} invalid replies in a row (last: ${action.reason})`,
            };
          }
          break;
        }
      }

      if (parsed.note !== undefined && observation !== undefined) observation = `${observation}\n${parsed.note}`;
      if (reply.capped)
        observation = `${replyCapNote(maxReplyChars)}${observation === undefined ? '' : `\n${observation}`}`;
      const isLastTurn = step === maxTurns - 1;
      if (observation !== undefined && !end && !isLastTurn) {
        messages.push({ role: 'user', content: observation });
        emit({ type: 'observation', runId, step, text: observation });
      }
      steps.push(
        recordStep({
          ...(execution ? { execution } : {}),
          ...(observation === undefined ? {} : { observation }),
          ...(correct === undefined ? {} : { correct }),
        }),
      );
      emit({ type: 'step-end', runId, step });
      if (options.onStepEnd && !end) await options.onStepEnd(buildTrajectory({ status: 'running' }));
      if (end) {
        outcome = end;
        break;
      }
    }
  } catch (error) {
    if (error instanceof RunEnded) outcome = error.outcome;
    else if (options.abortSignal?.aborted) outcome = { status: 'aborted', reason: 'aborted by the caller' };
    else if (timeLimit?.aborted) {
      outcome = { status: 'time-limit', reason: `time limit of ${options.timeLimitMs} ms reached` };
    } else if (CodeActError.isInstance(error)) {
      outcome = { status: 'error', reason: error.message, error: { code: error.code, message: error.message } };
    } else {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: 'error', reason: message, error: { code: 'UNKNOWN', message } };
    }
    if (outcome.reason !== undefined) outcome.reason = redact(outcome.reason);
    if (outcome.error) outcome.error = { code: outcome.error.code, message: redact(outcome.error.message) };
    if (outcome.status === 'error') thrown = { error };
  } finally {
    runController.abort();
    if (ownsSession && session) await session.close().catch(() => {});
  }

  const trajectory = buildTrajectory(outcome);
  emit({
    type: 'run-end',
    runId,
    status: outcome.status,
    ...(outcome.answer === undefined ? {} : { answer: outcome.answer }),
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    usage,
    trajectory,
  });
  if (thrown) {
    if (CodeActError.isInstance(thrown.error)) thrown.error.trajectory = trajectory;
    throw thrown.error;
  }
  return { status: outcome.status, answer: outcome.answer, reason: outcome.reason, trajectory, messages, usage };
}
