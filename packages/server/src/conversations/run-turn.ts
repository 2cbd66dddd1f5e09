import {
  CodeActError,
  type Conversation,
  capArtifacts,
  codeActFormat,
  type ModelMessage,
  meterModel,
  streamAgent,
  type Trajectory,
  type Usage,
} from '@codeact/core';
import type { ConversationTotals, TurnEnd, UploadNote } from '../server-types.js';
import type { ConversationContext } from './conversation-context.js';
import { readMetadata } from './conversation-views.js';
import { ensureInterpreter } from './ensure-interpreter.js';
import type { LiveConversation, Turn } from './live-conversation.js';
import { readSitePackages } from './site-packages.js';
import { describeNewMessages, failedTurnRecord, titleFrom } from './turn-records.js';

/**
 * Runs one turn: starts (or rebuilds) the interpreter, streams the agent's events to the
 * conversation's subscribers, saves the run and its messages, and always ends with `turn-end`.
 */
export async function runTurn(
  context: ConversationContext,
  live: LiveConversation,
  initial: Conversation,
  turn: Turn,
): Promise<void> {
  const { logger, store } = context.options;
  const owner = live.owner;
  const conversationId = live.id;
  const started = performance.now();
  let runId: string | undefined;
  let trajectory: Trajectory | undefined;
  let end: TurnEnd | undefined;
  try {
    const conversation = initial;
    const { session, note } = await ensureInterpreter(context, live, conversation, turn.controller.signal);
    const model = await context.options.models.resolve(conversation.model);
    const metered = meterModel(model);
    const history = await store.listMessages(conversationId, { owner });
    const messages: ModelMessage[] = history.map(({ role, content }) => ({ role, content }));
    const uploads = await takePendingUploads(context, owner, conversation);
    const prompt = `${note ? `${note}\n\n` : ''}${turn.prompt}${uploadNote(uploads)}`;
    const stream = streamAgent({
      model: metered.model,
      session,
      prompt,
      messages: messages.length > 0 ? messages : undefined,
      mode: 'chat',
      ...toolOptions(context),
      approveToolCall: live.approvals.approver,
      conversationId,
      metadata: { turnId: turn.turnId, prompt: turn.prompt, uploads },
      abortSignal: turn.controller.signal,
      ...context.options.agent,
    });
    for await (const event of stream) {
      if (event.type === 'run-start') runId = event.runId;
      if (event.type === 'run-end') trajectory = event.trajectory;
      context.publish(live, { event: 'agent', data: event });
    }
    await stream.result.catch(() => undefined);
    live.approvals.denyAll();
    if (!trajectory) throw new Error('the run ended without a trajectory');
    const costUsd = metered.costUsd();
    const saved: Trajectory = {
      ...trajectory,
      metadata: { ...trajectory.metadata, ...(costUsd === undefined ? {} : { costUsd }) },
    };
    // Figures beyond the per-run budget are stored without their image, so a plotting loop cannot bloat the store.
    await store.saveTrajectory(capArtifacts(saved), { owner });
    await store.appendMessages(conversationId, describeNewMessages(saved, history.length), { owner });
    await addTotals(context, owner, conversationId, saved.usage, costUsd, turn.prompt);
    end = {
      turnId: turn.turnId,
      runId: saved.id,
      status: saved.outcome.status,
      usage: saved.usage,
      ...(costUsd === undefined ? {} : { costUsd }),
      ...(saved.outcome.error ? { error: saved.outcome.error } : {}),
    };
  } catch (error) {
    const info = turn.controller.signal.aborted ? { code: 'ABORTED', message: 'stopped' } : errorInfo(error);
    logger.log('error', 'turn failed', {
      conversationId,
      turnId: turn.turnId,
      code: info.code,
      error: error instanceof Error ? error.message : String(error),
    });
    const status = turn.controller.signal.aborted ? 'aborted' : 'error';
    const record = trajectory ? undefined : failedTurnRecord(initial, turn, status, info, performance.now() - started);
    if (record) {
      await store.saveTrajectory(record, { owner }).catch((saveError: unknown) => {
        logger.log('error', 'could not save a failed turn', { conversationId, error: String(saveError) });
      });
    }
    end = {
      turnId: turn.turnId,
      ...(record ? { runId: record.id } : runId === undefined ? {} : { runId }),
      status,
      usage: trajectory?.usage ?? { inputTokens: 0, outputTokens: 0 },
      error: info,
    };
  } finally {
    const final = end as TurnEnd;
    context.publish(live, { event: 'turn-end', data: final });
    logger.log('info', 'turn finished', {
      conversationId,
      owner,
      turnId: turn.turnId,
      runId: final.runId,
      status: final.status,
      inputTokens: final.usage.inputTokens,
      outputTokens: final.usage.outputTokens,
      costUsd: final.costUsd,
      ms: Math.round(performance.now() - started),
    });
  }
}

/** The uploads made since the last turn, cleared from the conversation so only this turn mentions them. */
async function takePendingUploads(
  context: ConversationContext,
  owner: string,
  conversation: Conversation,
): Promise<UploadNote[]> {
  const metadata = readMetadata((await context.get(owner, conversation.id)) ?? conversation);
  const uploads = metadata.pendingUploads;
  if (uploads.length > 0) {
    await context.options.store.updateConversation(
      conversation.id,
      { metadata: { ...metadata, pendingUploads: [] } },
      { owner },
    );
  }
  return uploads;
}

function uploadNote(uploads: readonly UploadNote[]): string {
  if (uploads.length === 0) return '';
  return `\n\n[Uploaded to the working directory: ${uploads.map((file) => `${file.name} (${formatBytes(file.size)})`).join(', ')}]`;
}

async function addTotals(
  context: ConversationContext,
  owner: string,
  id: string,
  usage: Usage,
  costUsd: number | undefined,
  prompt: string,
): Promise<void> {
  const conversation = await context.get(owner, id);
  if (!conversation) return;
  const metadata = readMetadata(conversation);
  const previousCost = metadata.totals.costUsd;
  const cost = costUsd === undefined ? previousCost : (previousCost ?? 0) + costUsd;
  const totals: ConversationTotals = {
    turns: metadata.totals.turns + 1,
    usage: {
      inputTokens: metadata.totals.usage.inputTokens + usage.inputTokens,
      outputTokens: metadata.totals.usage.outputTokens + usage.outputTokens,
    },
    ...(cost === undefined ? {} : { costUsd: cost }),
  };
  const title = conversation.title || titleFrom(prompt);
  // The installed packages go to the store too, so a lost site dir can be rebuilt from the cache.
  const packages = await readSitePackages(context.siteDir(id));
  await context.options.store.updateConversation(
    id,
    { title, metadata: { ...metadata, totals, packages: packages.length > 0 ? packages : metadata.packages } },
    { owner },
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function errorInfo(error: unknown): { code: string; message: string } {
  if (CodeActError.isInstance(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'internal error' };
}

/** The server-wide tools for the prompt: listed tools, and a system prompt when there are notes. */
function toolOptions(context: ConversationContext) {
  const tools = context.options.tools;
  if (!tools) return {};
  const notes = tools.promptNotes ? `\n${tools.promptNotes}\n` : '';
  return { tools: tools.listed, system: `${codeActFormat({ mode: 'chat' }).instructions(tools.listed)}${notes}` };
}
