import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AgentOptions,
  CodeActError,
  type Conversation,
  type ConversationMessage,
  type ExecutorSession,
  iterateTrajectories,
  type ModelMessage,
  streamAgent,
  type Trajectory,
  type TrajectoryStore,
  trajectorySchemaVersion,
  type Usage,
} from '@codeact/core';
import type { Logger } from '../logging/logger.js';
import { isSafeId } from '../security/safe-file-name.js';
import { listWorkDirFiles, type WorkDirFile } from '../security/work-dir-files.js';
import type {
  ActiveTurn,
  ConversationDetail,
  ConversationSummary,
  ConversationTotals,
  InterpreterStatus,
  ServerEvent,
  TurnEnd,
  TurnView,
  UploadNote,
} from '../server-types.js';
import type { InterpreterCatalog, ModelCatalog } from './catalogs.js';
import { meterModel } from './meter-model.js';
import { planReplay, type ReplayPlan, type StepRef } from './replay-plan.js';

/** Loop settings applied to every turn. */
export type AgentSettings = Pick<
  AgentOptions,
  'maxTurns' | 'maxOutputTokens' | 'temperature' | 'actionTimeoutMs' | 'timeLimitMs'
>;

export type ConversationLimits = {
  /** Turns running at once over all conversations. Default 16. */
  readonly maxConcurrentRuns: number;
  /** Interpreters kept running; the least recently used idle one is stopped past this. Default 32. */
  readonly maxLiveSessions: number;
  /** An interpreter idle this long is stopped (and rebuilt by replay when needed). Default 30 min. */
  readonly sessionIdleMs: number;
  /** Longest user message, in characters. Default 32,000. */
  readonly maxPromptChars: number;
  /** Earlier actions re-run at most to rebuild an interpreter. Default 100. */
  readonly maxReplaySteps: number;
  /** Events kept per conversation for late subscribers. Default 20,000. */
  readonly maxBufferedEvents: number;
};

export const defaultConversationLimits: ConversationLimits = {
  maxConcurrentRuns: 16,
  maxLiveSessions: 32,
  sessionIdleMs: 30 * 60_000,
  maxPromptChars: 32_000,
  maxReplaySteps: 100,
  maxBufferedEvents: 20_000,
};

export type ConversationServiceOptions = {
  readonly store: TrajectoryStore;
  readonly models: ModelCatalog;
  readonly interpreters: InterpreterCatalog;
  /** Parent of the per-conversation work dirs (`<workRoot>/<conversation id>`). */
  readonly workRoot: string;
  readonly logger: Logger;
  readonly agent?: AgentSettings;
  readonly limits?: Partial<ConversationLimits>;
  /** Names of tools available in the sandbox: re-running code that calls them is never safe. */
  readonly toolNames?: readonly string[];
  readonly now?: () => Date;
};

/** An event as delivered to subscribers, numbered per conversation (the SSE `id`). */
export type SequencedEvent = ServerEvent & { readonly seq: number };

export type Subscription = {
  readonly hello: Extract<ServerEvent, { event: 'hello' }> & { readonly seq: number };
  readonly backlog: readonly SequencedEvent[];
  readonly unsubscribe: () => void;
};

export type PostMessageResult =
  | { readonly success: true; readonly turnId: string }
  | { readonly success: false; readonly error: 'not-found' | 'busy' | 'server-busy' | 'too-long' | 'bad-model' };

type Turn = ActiveTurn & { readonly controller: AbortController; done: Promise<void> };

type Live = {
  readonly id: string;
  readonly owner: string;
  session: ExecutorSession | undefined;
  interpreter: { replayed: StepRef[]; lost?: { reason: string; at?: StepRef }; description?: string };
  restoring: boolean;
  turn: Turn | undefined;
  buffer: SequencedEvent[];
  seq: number;
  readonly listeners: Set<(event: SequencedEvent) => void>;
  lastUsedMs: number;
};

type Metadata = { totals: ConversationTotals; pendingUploads: UploadNote[] };

const zeroTotals: ConversationTotals = { turns: 0, usage: { inputTokens: 0, outputTokens: 0 } };

function readMetadata(conversation: Conversation): Metadata {
  const metadata = conversation.metadata as { totals?: ConversationTotals; pendingUploads?: UploadNote[] };
  return { totals: metadata.totals ?? zeroTotals, pendingUploads: metadata.pendingUploads ?? [] };
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

/**
 * Owns the conversations of a server: their store records, one interpreter session each, the turn
 * in flight and its event stream. Every method takes the caller's user and only sees that user's
 * conversations (the store enforces the owner scope).
 */
export class ConversationService {
  private readonly options: ConversationServiceOptions;
  private readonly limits: ConversationLimits;
  private readonly live = new Map<string, Live>();
  private readonly reaper: NodeJS.Timeout;
  private runningTurns = 0;
  private closed = false;

  constructor(options: ConversationServiceOptions) {
    this.options = options;
    this.limits = { ...defaultConversationLimits, ...options.limits };
    this.reaper = setInterval(() => void this.reapIdleSessions(), Math.min(60_000, this.limits.sessionIdleMs));
    this.reaper.unref();
  }

  /** Where a conversation's files live on the host (mounted as the sandbox's working directory). */
  workDir(id: string): string {
    if (!isSafeId(id)) throw new Error('unsafe conversation id');
    return join(this.options.workRoot, id);
  }

  async create(
    owner: string,
    input: { title?: string | undefined; model?: string | undefined; interpreter?: string | undefined },
  ): Promise<
    { success: true; value: ConversationSummary } | { success: false; error: 'bad-model' | 'bad-interpreter' }
  > {
    const model = input.model ?? this.options.models.defaultModel;
    if (!this.options.models.models.some((entry) => entry.id === model)) return { success: false, error: 'bad-model' };
    const interpreter = input.interpreter ?? this.options.interpreters.defaultInterpreter;
    const interpreters = await this.options.interpreters.list();
    if (!interpreters.some((entry) => entry.id === interpreter && entry.available)) {
      return { success: false, error: 'bad-interpreter' };
    }
    const conversation = await this.options.store.createConversation({
      id: randomUUID(),
      title: input.title ?? '',
      model,
      interpreter,
      owner,
      metadata: { totals: zeroTotals, pendingUploads: [] },
    });
    await mkdir(this.workDir(conversation.id), { recursive: true, mode: 0o700 });
    this.options.logger.log('info', 'conversation created', {
      conversationId: conversation.id,
      owner,
      model,
      interpreter,
    });
    return { success: true, value: this.summarize(conversation) };
  }

  async list(owner: string): Promise<ConversationSummary[]> {
    const summaries: ConversationSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.store.listConversations({ owner, cursor, limit: 200 });
      summaries.push(...page.items.map((conversation) => this.summarize(conversation)));
      cursor = page.nextCursor;
    } while (cursor !== undefined && summaries.length < 1000);
    return summaries;
  }

  async get(owner: string, id: string): Promise<Conversation | undefined> {
    if (!isSafeId(id)) return undefined;
    return this.options.store.getConversation(id, { owner });
  }

  async detail(owner: string, id: string): Promise<ConversationDetail | undefined> {
    const conversation = await this.get(owner, id);
    if (!conversation) return undefined;
    const trajectories = await this.trajectories(owner, id);
    const live = this.live.get(id);
    return {
      conversation: this.summarize(conversation),
      turns: trajectories.map(toTurnView),
      activeTurn: live?.turn ? publicTurn(live.turn) : null,
      interpreter: this.interpreterStatus(live, () => this.plan(trajectories)),
      files: await listWorkDirFiles(this.workDir(id)),
      pendingUploads: readMetadata(conversation).pendingUploads,
    };
  }

  async trajectories(owner: string, id: string): Promise<Trajectory[]> {
    const list: Trajectory[] = [];
    for await (const trajectory of iterateTrajectories(this.options.store, { conversationId: id, owner })) {
      list.push(trajectory);
    }
    return list;
  }

  async update(
    owner: string,
    id: string,
    patch: { title?: string | undefined; model?: string | undefined },
  ): Promise<{ success: true; value: ConversationSummary } | { success: false; error: 'not-found' | 'bad-model' }> {
    if (patch.model !== undefined && !this.options.models.models.some((entry) => entry.id === patch.model)) {
      return { success: false, error: 'bad-model' };
    }
    if (!isSafeId(id)) return { success: false, error: 'not-found' };
    const updated = await this.options.store.updateConversation(
      id,
      {
        ...(patch.title === undefined ? {} : { title: patch.title }),
        ...(patch.model === undefined ? {} : { model: patch.model }),
      },
      { owner },
    );
    return updated ? { success: true, value: this.summarize(updated) } : { success: false, error: 'not-found' };
  }

  async delete(owner: string, id: string): Promise<boolean> {
    const conversation = await this.get(owner, id);
    if (!conversation) return false;
    const live = this.live.get(id);
    if (live) {
      live.turn?.controller.abort(new Error('conversation deleted'));
      await live.turn?.done;
      await this.closeSession(live);
      for (const listener of live.listeners) listener({ event: 'turn-end', data: deletedTurnEnd, seq: ++live.seq });
      this.live.delete(id);
    }
    const deleted = await this.options.store.deleteConversation(id, { owner });
    await rm(this.workDir(id), { recursive: true, force: true });
    this.options.logger.log('info', 'conversation deleted', { conversationId: id, owner });
    return deleted;
  }

  /** Records an uploaded file so the next message tells the model about it. */
  async noteUpload(owner: string, id: string, file: WorkDirFile): Promise<void> {
    const conversation = await this.get(owner, id);
    if (!conversation) return;
    const metadata = readMetadata(conversation);
    const pendingUploads = [
      ...metadata.pendingUploads.filter((note) => note.name !== file.name),
      { name: file.name, size: file.size },
    ];
    await this.options.store.updateConversation(id, { metadata: { ...metadata, pendingUploads } }, { owner });
    const live = this.live.get(id);
    if (live)
      this.publish(live, { event: 'files', data: { files: await listWorkDirFiles(this.workDir(id)), pendingUploads } });
    this.options.logger.log('info', 'file uploaded', { conversationId: id, owner, name: file.name, size: file.size });
  }

  /** Starts a turn; its events go to the conversation's subscribers. */
  async postMessage(owner: string, id: string, text: string, model?: string): Promise<PostMessageResult> {
    if (this.closed) return { success: false, error: 'server-busy' };
    if (text.length > this.limits.maxPromptChars) return { success: false, error: 'too-long' };
    if (model !== undefined && !this.options.models.models.some((entry) => entry.id === model)) {
      return { success: false, error: 'bad-model' };
    }
    let conversation = await this.get(owner, id);
    if (!conversation) return { success: false, error: 'not-found' };
    const live = this.liveFor(id, owner);
    if (live.turn) return { success: false, error: 'busy' };
    if (this.runningTurns >= this.limits.maxConcurrentRuns) return { success: false, error: 'server-busy' };
    const turn: Turn = {
      turnId: randomUUID(),
      prompt: text,
      startedAt: (this.options.now?.() ?? new Date()).toISOString(),
      controller: new AbortController(),
      done: Promise.resolve(),
    };
    live.turn = turn;
    this.runningTurns += 1;
    live.buffer = [];
    this.publish(live, { event: 'turn-start', data: publicTurn(turn) });
    if (model !== undefined && model !== conversation.model) {
      conversation = (await this.options.store.updateConversation(id, { model }, { owner })) ?? conversation;
    }
    turn.done = this.runTurn(live, conversation, turn).finally(() => {
      this.runningTurns -= 1;
      live.turn = undefined;
      live.lastUsedMs = Date.now();
    });
    return { success: true, turnId: turn.turnId };
  }

  /** Aborts the turn in flight; resolves `false` when nothing was running. */
  async stop(owner: string, id: string): Promise<boolean | undefined> {
    const conversation = await this.get(owner, id);
    if (!conversation) return undefined;
    const turn = this.live.get(id)?.turn;
    if (!turn) return false;
    turn.controller.abort(new Error('stopped by the user'));
    this.options.logger.log('info', 'turn stopped', { conversationId: id, owner, turnId: turn.turnId });
    return true;
  }

  /**
   * Subscribes to a conversation's events. The backlog holds the events after `afterSeq`, or else
   * those of the turn in flight (with `includeLastTurn`, of the last turn even when it has ended).
   */
  async subscribe(
    owner: string,
    id: string,
    listener: (event: SequencedEvent) => void,
    options: { afterSeq?: number | undefined; includeLastTurn?: boolean } = {},
  ): Promise<Subscription | undefined> {
    const conversation = await this.get(owner, id);
    if (!conversation) return undefined;
    const live = this.liveFor(id, owner);
    const trajectories = live.session || live.restoring ? [] : await this.trajectories(owner, id);
    const status = this.interpreterStatus(live, () => this.plan(trajectories));
    const hello: Subscription['hello'] = {
      event: 'hello',
      data: { activeTurn: live.turn ? publicTurn(live.turn) : null, interpreter: status },
      seq: live.seq,
    };
    let backlog: SequencedEvent[] = [];
    if (options.afterSeq !== undefined)
      backlog = live.buffer.filter((event) => event.seq > (options.afterSeq as number));
    else if (live.turn || options.includeLastTurn) backlog = [...live.buffer];
    live.listeners.add(listener);
    return { hello, backlog, unsubscribe: () => live.listeners.delete(listener) };
  }

  /** Stops every turn and interpreter. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    const lives = [...this.live.values()];
    for (const live of lives) live.turn?.controller.abort(new Error('server shutting down'));
    await Promise.allSettled(lives.map((live) => live.turn?.done));
    await Promise.allSettled(lives.map((live) => this.closeSession(live)));
    this.live.clear();
  }

  /** Counts for `/healthz` and the benchmark. */
  stats(): { liveSessions: number; runningTurns: number; conversationsInMemory: number } {
    let liveSessions = 0;
    for (const live of this.live.values()) if (live.session) liveSessions += 1;
    return { liveSessions, runningTurns: this.runningTurns, conversationsInMemory: this.live.size };
  }

  private summarize(conversation: Conversation): ConversationSummary {
    const { metadata: _metadata, owner: _owner, ...rest } = conversation;
    return {
      ...rest,
      totals: readMetadata(conversation).totals,
      running: Boolean(this.live.get(conversation.id)?.turn),
    };
  }

  private liveFor(id: string, owner: string): Live {
    let live = this.live.get(id);
    if (!live) {
      live = {
        id,
        owner,
        session: undefined,
        interpreter: { replayed: [] },
        restoring: false,
        turn: undefined,
        buffer: [],
        seq: 0,
        listeners: new Set(),
        lastUsedMs: Date.now(),
      };
      this.live.set(id, live);
    }
    return live;
  }

  private publish(live: Live, event: ServerEvent): void {
    const sequenced = { ...event, seq: ++live.seq } as SequencedEvent;
    if (event.event !== 'files') {
      live.buffer.push(sequenced);
      if (live.buffer.length > this.limits.maxBufferedEvents)
        live.buffer.splice(0, live.buffer.length - this.limits.maxBufferedEvents);
    }
    for (const listener of live.listeners) listener(sequenced);
  }

  private plan(trajectories: readonly Trajectory[]): ReplayPlan {
    return planReplay(trajectories, {
      maxSteps: this.limits.maxReplaySteps,
      ...(this.options.toolNames ? { toolNames: this.options.toolNames } : {}),
    });
  }

  private interpreterStatus(live: Live | undefined, plan: (() => ReplayPlan) | undefined): InterpreterStatus {
    const state = live?.restoring ? 'restoring' : live?.session ? 'running' : 'idle';
    const pendingReplay = state === 'idle' && plan ? plan().steps.length : 0;
    return {
      state,
      replayed: [...(live?.interpreter.replayed ?? [])],
      pendingReplay,
      ...(live?.interpreter.lost ? { lost: live.interpreter.lost } : {}),
      ...(live?.interpreter.description ? { description: live.interpreter.description } : {}),
    };
  }

  /**
   * The conversation's interpreter, started when needed. A fresh start after earlier turns re-runs
   * the planned actions; the returned note (when set) tells the model what could not be restored.
   */
  private async ensureSession(
    live: Live,
    conversation: Conversation,
    signal: AbortSignal,
  ): Promise<{ session: ExecutorSession; note?: string }> {
    if (live.session) return { session: live.session };
    const executor = await this.options.interpreters.get(conversation.interpreter);
    await this.makeRoomForSession();
    const workDir = this.workDir(conversation.id);
    await mkdir(workDir, { recursive: true, mode: 0o700 });
    // No tools and no environment are passed: the sandbox gets nothing of the server's secrets.
    const session = await executor.createSession({ workDir, abortSignal: signal });
    live.session = session;
    live.interpreter = { replayed: [], description: executor.description };
    const plan = this.plan(await this.trajectories(live.owner, conversation.id));
    if (plan.steps.length === 0 && !plan.blocked) {
      this.publish(live, { event: 'interpreter', data: this.interpreterStatus(live, undefined) });
      return { session };
    }
    live.restoring = true;
    this.publish(live, { event: 'interpreter', data: this.interpreterStatus(live, undefined) });
    const started = performance.now();
    let lost: { reason: string; at?: StepRef } | undefined;
    try {
      for (const step of plan.steps) {
        const execution = await session.execute({
          code: step.code,
          timeoutMs: this.options.agent?.actionTimeoutMs,
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
          lost = { reason: `re-running an earlier action went differently this time (${why})`, at: ref };
          break;
        }
        live.interpreter.replayed.push(ref);
        this.publish(live, { event: 'interpreter', data: this.interpreterStatus(live, undefined) });
      }
      if (!lost && plan.blocked) {
        lost = {
          reason: `an earlier action ${plan.blocked.reason}, so it was not re-run`,
          at: { runId: plan.blocked.runId, step: plan.blocked.step },
        };
      }
    } catch (error) {
      // A rebuild cut short leaves an unknown state: start over at the next message.
      await this.closeSession(live);
      live.interpreter = { replayed: [] };
      throw error;
    } finally {
      live.restoring = false;
    }
    if (lost) live.interpreter.lost = lost;
    this.publish(live, { event: 'interpreter', data: this.interpreterStatus(live, undefined) });
    this.options.logger.log(lost ? 'warn' : 'info', 'interpreter rebuilt', {
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

  private async runTurn(live: Live, initial: Conversation, turn: Turn): Promise<void> {
    const { logger, store } = this.options;
    const owner = live.owner;
    const conversationId = live.id;
    const started = performance.now();
    let runId: string | undefined;
    let trajectory: Trajectory | undefined;
    let end: TurnEnd | undefined;
    try {
      const conversation = initial;
      const { session, note } = await this.ensureSession(live, conversation, turn.controller.signal);
      const model = await this.options.models.resolve(conversation.model);
      const metered = meterModel(model);
      const history = await store.listMessages(conversationId, { owner });
      const messages: ModelMessage[] = history.map(({ role, content }) => ({ role, content }));
      const metadata = readMetadata((await this.get(owner, conversationId)) ?? conversation);
      const uploads = metadata.pendingUploads;
      if (uploads.length > 0) {
        await store.updateConversation(conversationId, { metadata: { ...metadata, pendingUploads: [] } }, { owner });
      }
      const uploadNote =
        uploads.length === 0
          ? ''
          : `\n\n[Uploaded to the working directory: ${uploads.map((file) => `${file.name} (${formatBytes(file.size)})`).join(', ')}]`;
      const prompt = `${note ? `${note}\n\n` : ''}${turn.prompt}${uploadNote}`;
      const stream = streamAgent({
        model: metered.model,
        session,
        prompt,
        messages: messages.length > 0 ? messages : undefined,
        mode: 'chat',
        conversationId,
        metadata: { turnId: turn.turnId, prompt: turn.prompt, uploads },
        abortSignal: turn.controller.signal,
        ...this.options.agent,
      });
      for await (const event of stream) {
        if (event.type === 'run-start') runId = event.runId;
        if (event.type === 'run-end') trajectory = event.trajectory;
        this.publish(live, { event: 'agent', data: event });
      }
      await stream.result.catch(() => undefined);
      if (!trajectory) throw new Error('the run ended without a trajectory');
      const costUsd = metered.costUsd();
      const saved: Trajectory = {
        ...trajectory,
        metadata: { ...trajectory.metadata, ...(costUsd === undefined ? {} : { costUsd }) },
      };
      await store.saveTrajectory(saved, { owner });
      await store.appendMessages(conversationId, describeNewMessages(saved, history.length), { owner });
      await this.addTotals(owner, conversationId, saved.usage, costUsd, turn.prompt);
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
      // A turn that ended before its run started (stopped while the interpreter was being rebuilt,
      // model or interpreter unavailable) is still recorded, so the user's message is not lost.
      const record = trajectory
        ? undefined
        : failedTurnRecord(initial, turn, status, info, performance.now() - started);
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
      this.publish(live, { event: 'turn-end', data: final });
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

  private async addTotals(owner: string, id: string, usage: Usage, costUsd: number | undefined, prompt: string) {
    const conversation = await this.get(owner, id);
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
    await this.options.store.updateConversation(id, { title, metadata: { ...metadata, totals } }, { owner });
  }

  private async closeSession(live: Live): Promise<void> {
    const session = live.session;
    live.session = undefined;
    if (session) await session.close().catch(() => {});
  }

  private async makeRoomForSession(): Promise<void> {
    const withSession = [...this.live.values()].filter((live) => live.session);
    if (withSession.length < this.limits.maxLiveSessions) return;
    const idle = withSession
      .filter((live) => !live.turn && !live.restoring)
      .sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    const victim = idle[0];
    if (victim) {
      this.options.logger.log('info', 'interpreter stopped to make room', { conversationId: victim.id });
      await this.closeSession(victim);
    }
  }

  private async reapIdleSessions(): Promise<void> {
    const cutoff = Date.now() - this.limits.sessionIdleMs;
    for (const live of this.live.values()) {
      if (live.session && !live.turn && !live.restoring && live.lastUsedMs < cutoff) {
        this.options.logger.log('info', 'idle interpreter stopped', { conversationId: live.id });
        await this.closeSession(live);
      }
      if (!live.session && !live.turn && live.listeners.size === 0 && live.lastUsedMs < cutoff)
        this.live.delete(live.id);
    }
  }
}

const deletedTurnEnd: TurnEnd = {
  turnId: '',
  status: 'deleted',
  usage: { inputTokens: 0, outputTokens: 0 },
  error: { code: 'DELETED', message: 'the conversation was deleted' },
};

function failedTurnRecord(
  conversation: Conversation,
  turn: Turn,
  status: 'aborted' | 'error',
  error: { code: string; message: string },
  durationMs: number,
): Trajectory {
  const colon = conversation.model.indexOf(':');
  return {
    schemaVersion: trajectorySchemaVersion,
    id: randomUUID(),
    createdAt: turn.startedAt,
    conversationId: conversation.id,
    model: {
      provider: colon === -1 ? conversation.model : conversation.model.slice(0, colon),
      modelId: colon === -1 ? conversation.model : conversation.model.slice(colon + 1),
    },
    executor: { executorId: conversation.interpreter, description: 'not started' },
    actionFormat: 'code',
    messages: [{ role: 'user', content: turn.prompt }],
    steps: [],
    outcome: {
      status,
      reason: status === 'aborted' ? 'stopped before the run started' : error.message,
      ...(status === 'error' ? { error } : {}),
    },
    usage: { inputTokens: 0, outputTokens: 0 },
    durationMs,
    metadata: { turnId: turn.turnId, prompt: turn.prompt, uploads: [] },
  };
}

function publicTurn(turn: Turn): ActiveTurn {
  return { turnId: turn.turnId, prompt: turn.prompt, startedAt: turn.startedAt };
}

function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

function toTurnView(trajectory: Trajectory): TurnView {
  const { messages, ...rest } = trajectory;
  const metadata = (trajectory.metadata ?? {}) as { prompt?: unknown; uploads?: unknown; costUsd?: unknown };
  const firstUser = messages.find((message) => message.role === 'user');
  return {
    runId: trajectory.id,
    prompt: typeof metadata.prompt === 'string' ? metadata.prompt : (firstUser?.content ?? ''),
    uploads: Array.isArray(metadata.uploads) ? (metadata.uploads as UploadNote[]) : [],
    ...(typeof metadata.costUsd === 'number' ? { costUsd: metadata.costUsd } : {}),
    trajectory: rest,
  };
}

/** The messages a run added after the `previous` ones, labelled for the UI. */
function describeNewMessages(trajectory: Trajectory, previous: number) {
  let sawPrompt = false;
  return trajectory.messages.slice(previous).map((message) => {
    let kind: string;
    if (message.role === 'system') kind = 'system';
    else if (message.role === 'assistant') kind = 'reply';
    else if (!sawPrompt) {
      sawPrompt = true;
      kind = 'prompt';
    } else kind = 'observation';
    return { role: message.role, content: message.content, runId: trajectory.id, metadata: { kind } };
  }) satisfies { role: ConversationMessage['role'] }[];
}
