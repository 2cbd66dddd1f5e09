import { mkdir } from 'node:fs/promises';
import type { Conversation, ExecutorSession } from '@codeact/core';
import type { ConversationContext } from './conversation-context.js';
import { interpreterStatus, readMetadata } from './conversation-views.js';
import type { LiveConversation } from './live-conversation.js';
import type { ReplayPlan, StepRef } from './replay-plan.js';
import { restoreSiteRecord } from './site-packages.js';

type Lost = { reason: string; at?: StepRef };

/**
 * The conversation's interpreter, started when needed. A fresh start after earlier turns re-runs
 * the planned actions; the returned note (when set) tells the model what could not be restored.
 */
export async function ensureInterpreter(
  context: ConversationContext,
  live: LiveConversation,
  conversation: Conversation,
  signal: AbortSignal,
): Promise<{ session: ExecutorSession; note?: string }> {
  if (live.session) return { session: live.session };
  const executor = await context.options.interpreters.get(conversation.interpreter);
  await context.lives.makeRoomForSession();
  const workDir = context.workDir(conversation.id);
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  // No environment is passed: the sandbox gets nothing of the server's secrets. Tools run on the host.
  const tools = context.options.tools?.toolHost;
  const siteDir = context.siteDir(conversation.id);
  await restoreSiteRecord(siteDir, readMetadata(conversation).packages);
  const session = await executor.createSession({
    workDir,
    siteDir,
    abortSignal: signal,
    ...(tools ? { tools } : {}),
  });
  live.session = session;
  live.interpreter = { replayed: [], description: executor.description };
  const plan = context.plan(await context.trajectories(live.owner, conversation.id));
  const announce = () => context.publish(live, { event: 'interpreter', data: interpreterStatus(live, undefined) });
  if (plan.steps.length === 0 && !plan.blocked) {
    announce();
    return { session };
  }
  live.restoring = true;
  announce();
  const started = performance.now();
  let lost: Lost | undefined;
  try {
    lost = await replay(context, live, session, plan, signal, announce);
  } catch (error) {
    // A rebuild cut short leaves an unknown state: start over at the next message.
    await context.lives.closeSession(live);
    live.interpreter = { replayed: [] };
    throw error;
  } finally {
    live.restoring = false;
  }
  if (lost) live.interpreter.lost = lost;
  announce();
  context.options.logger.log(lost ? 'warn' : 'info', 'interpreter rebuilt', {
    conversationId: conversation.id,
    replayed: live.interpreter.replayed.length,
    planned: plan.steps.length,
    lost: lost?.reason,
    ms: Math.round(performance.now() - started),
  });
  if (!lost) return { session };
  const count = live.interpreter.replayed.length;
  return {
    session,
    note:
      `[Note: the Python interpreter was restarted. ${count} earlier code action${count === 1 ? ' was' : 's were'} re-run to restore its state, ` +
      `but not all: ${lost.reason}. Variables defined from that action on are gone; files in the working directory are unchanged.]`,
  };
}

/** Re-runs the planned actions in order; an action that goes differently than it did stops the replay. */
async function replay(
  context: ConversationContext,
  live: LiveConversation,
  session: ExecutorSession,
  plan: ReplayPlan,
  signal: AbortSignal,
  announce: () => void,
): Promise<Lost | undefined> {
  for (const step of plan.steps) {
    const execution = await session.execute({
      code: step.code,
      timeoutMs: context.options.agent?.actionTimeoutMs,
      abortSignal: signal,
    });
    signal.throwIfAborted();
    const ref = { runId: step.runId, step: step.step };
    const raised = execution.error?.name;
    if (execution.timedOut || raised !== step.expectedError) {
      const why = execution.timedOut
        ? 'it timed out'
        : execution.error
          ? `${execution.error.name}: ${execution.error.message}`
          : `it did not raise ${step.expectedError} as it did originally`;
      return { reason: `re-running an earlier action went differently this time (${why})`, at: ref };
    }
    live.interpreter.replayed.push(ref);
    announce();
  }
  if (plan.blocked) {
    return {
      reason: `an earlier action ${plan.blocked.reason}, so it was not re-run`,
      at: { runId: plan.blocked.runId, step: plan.blocked.step },
    };
  }
  return undefined;
}
