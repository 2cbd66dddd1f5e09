import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Conversation, type InstalledPackage, iterateTrajectories, type Trajectory } from '@codeact/core';
import { isSafeId } from '../security/safe-file-name.js';
import { listWorkDirFiles, type WorkDirFile } from '../security/work-dir-files.js';
import type { ConversationDetail, ConversationSummary, ServerEvent } from '../server-types.js';
import type { ConversationContext } from './conversation-context.js';
import {
  type ConversationLimits,
  type ConversationServiceOptions,
  defaultConversationLimits,
} from './conversation-options.js';
import {
  deletedTurnEnd,
  interpreterStatus,
  publicTurn,
  readMetadata,
  summarizeConversation,
  toTurnView,
  zeroTotals,
} from './conversation-views.js';
import {
  eventBacklog,
  type LiveConversation,
  publishEvent,
  type SequencedEvent,
  type Turn,
} from './live-conversation.js';
import { LiveConversations } from './live-conversations.js';
import { planReplay, type ReplayPlan } from './replay-plan.js';
import { runTurn } from './run-turn.js';
import { readSitePackages } from './site-packages.js';
import type { ApprovalAnswer } from './tool-approvals.js';

export type Subscription = {
  readonly hello: Extract<ServerEvent, { event: 'hello' }> & { readonly seq: number };
  readonly backlog: readonly SequencedEvent[];
  readonly unsubscribe: () => void;
};

export type PostMessageResult =
  | { readonly success: true; readonly turnId: string }
  | { readonly success: false; readonly error: 'not-found' | 'busy' | 'server-busy' | 'too-long' | 'bad-model' };

/**
 * Owns the conversations of a server: their store records, one interpreter session each, the turn
 * in flight and its event stream. Every method takes the caller's user and only sees that user's
 * conversations (the store enforces the owner scope).
 */
export class ConversationService {
  private readonly options: ConversationServiceOptions;
  private readonly limits: ConversationLimits;
  private readonly lives: LiveConversations;
  private readonly context: ConversationContext;
  private readonly reaper: NodeJS.Timeout;
  private runningTurns = 0;
  private closed = false;

  constructor(options: ConversationServiceOptions) {
    this.options = options;
    this.limits = { ...defaultConversationLimits, ...options.limits };
    this.lives = new LiveConversations(this.limits, options.logger);
    this.context = {
      options,
      limits: this.limits,
      lives: this.lives,
      get: (owner, id) => this.get(owner, id),
      trajectories: (owner, id) => this.trajectories(owner, id),
      workDir: (id) => this.workDir(id),
      siteDir: (id) => this.siteDir(id),
      plan: (trajectories) => this.plan(trajectories),
      publish: (live, event) => publishEvent(live, event, this.limits.maxBufferedEvents),
    };
    this.reaper = setInterval(() => void this.lives.reapIdle(), Math.min(60_000, this.limits.sessionIdleMs));
    this.reaper.unref();
  }

  /** Where a conversation's files live on the host (mounted as the sandbox's working directory). */
  workDir(id: string): string {
    if (!isSafeId(id)) throw new Error('unsafe conversation id');
    return join(this.options.workRoot, id);
  }

  /**
   * Where the packages installed for a conversation live on the host: beside the work dirs, not in
   * one (the sandbox must not write there), kept across interpreter restarts.
   */
  siteDir(id: string): string {
    if (!isSafeId(id)) throw new Error('unsafe conversation id');
    return join(this.options.workRoot, '.site', id);
  }

  async create(
    owner: string,
    input: { title?: string | undefined; model?: string | undefined; interpreter?: string | undefined },
  ): Promise<
    { success: true; value: ConversationSummary } | { success: false; error: 'bad-model' | 'bad-interpreter' }
  > {
    const model = input.model ?? this.options.models.defaultModel;
    if (!this.isModel(model)) return { success: false, error: 'bad-model' };
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
      metadata: { totals: zeroTotals, pendingUploads: [], packages: [] },
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
    const live = this.lives.get(id);
    return {
      conversation: this.summarize(conversation),
      turns: trajectories.map(toTurnView),
      activeTurn: live?.turn ? publicTurn(live.turn) : null,
      interpreter: interpreterStatus(live, () => this.plan(trajectories)),
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

  /** The packages installed for the conversation (its site dir's record, else the store's copy), oldest first. */
  async packages(conversation: Conversation): Promise<InstalledPackage[]> {
    const recorded = await readSitePackages(this.siteDir(conversation.id));
    return recorded.length > 0 ? recorded : readMetadata(conversation).packages;
  }

  async update(
    owner: string,
    id: string,
    patch: { title?: string | undefined; model?: string | undefined },
  ): Promise<{ success: true; value: ConversationSummary } | { success: false; error: 'not-found' | 'bad-model' }> {
    if (patch.model !== undefined && !this.isModel(patch.model)) return { success: false, error: 'bad-model' };
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
    const live = this.lives.get(id);
    if (live) {
      live.turn?.controller.abort(new Error('conversation deleted'));
      await live.turn?.done;
      await this.lives.closeSession(live);
      for (const listener of live.listeners) listener({ event: 'turn-end', data: deletedTurnEnd, seq: ++live.seq });
      this.lives.delete(id);
    }
    const deleted = await this.options.store.deleteConversation(id, { owner });
    await rm(this.workDir(id), { recursive: true, force: true });
    await rm(this.siteDir(id), { recursive: true, force: true });
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
    const live = this.lives.get(id);
    if (live) {
      const files = await listWorkDirFiles(this.workDir(id));
      this.context.publish(live, { event: 'files', data: { files, pendingUploads } });
    }
    this.options.logger.log('info', 'file uploaded', { conversationId: id, owner, name: file.name, size: file.size });
  }

  /** Starts a turn; its events go to the conversation's subscribers. */
  async postMessage(owner: string, id: string, text: string, model?: string): Promise<PostMessageResult> {
    if (this.closed) return { success: false, error: 'server-busy' };
    if (text.length > this.limits.maxPromptChars) return { success: false, error: 'too-long' };
    if (model !== undefined && !this.isModel(model)) return { success: false, error: 'bad-model' };
    let conversation = await this.get(owner, id);
    if (!conversation) return { success: false, error: 'not-found' };
    const live = this.lives.getOrCreate(id, owner);
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
    this.context.publish(live, { event: 'turn-start', data: publicTurn(turn) });
    if (model !== undefined && model !== conversation.model) {
      conversation = (await this.options.store.updateConversation(id, { model }, { owner })) ?? conversation;
    }
    turn.done = runTurn(this.context, live, conversation, turn).finally(() => {
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
    const turn = this.lives.get(id)?.turn;
    if (!turn) return false;
    turn.controller.abort(new Error('stopped by the user'));
    this.options.logger.log('info', 'turn stopped', { conversationId: id, owner, turnId: turn.turnId });
    return true;
  }

  /**
   * Answers a tool call waiting for approval in the turn in flight: `undefined` when the
   * conversation is not the caller's, `false` when no such request is waiting.
   */
  async answerApproval(
    owner: string,
    id: string,
    callId: string,
    answer: ApprovalAnswer,
  ): Promise<boolean | undefined> {
    if (!(await this.get(owner, id))) return undefined;
    const answered = this.lives.get(id)?.approvals.answer(callId, answer) ?? false;
    if (answered) this.options.logger.log('info', 'tool call answered', { conversationId: id, owner, callId, answer });
    return answered;
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
    const live = this.lives.getOrCreate(id, owner);
    const trajectories = live.session || live.restoring ? [] : await this.trajectories(owner, id);
    const hello: Subscription['hello'] = {
      event: 'hello',
      data: {
        activeTurn: live.turn ? publicTurn(live.turn) : null,
        interpreter: interpreterStatus(live, () => this.plan(trajectories)),
      },
      seq: live.seq,
    };
    const backlog = eventBacklog(live, options);
    live.listeners.add(listener);
    return { hello, backlog, unsubscribe: () => live.listeners.delete(listener) };
  }

  /** Stops every turn and interpreter. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    const lives = this.lives.values();
    for (const live of lives) live.turn?.controller.abort(new Error('server shutting down'));
    await Promise.allSettled(lives.map((live) => live.turn?.done));
    await Promise.allSettled(lives.map((live) => this.lives.closeSession(live)));
    for (const live of lives) this.lives.delete(live.id);
  }

  /** Counts for `/healthz` and the benchmark. */
  stats(): { liveSessions: number; runningTurns: number; conversationsInMemory: number } {
    const liveSessions = this.lives.values().filter((live: LiveConversation) => live.session).length;
    return { liveSessions, runningTurns: this.runningTurns, conversationsInMemory: this.lives.size };
  }

  private isModel(model: string): boolean {
    return this.options.models.models.some((entry) => entry.id === model);
  }

  private summarize(conversation: Conversation): ConversationSummary {
    return summarizeConversation(conversation, Boolean(this.lives.get(conversation.id)?.turn));
  }

  private plan(trajectories: readonly Trajectory[]): ReplayPlan {
    return planReplay(trajectories, {
      maxSteps: this.limits.maxReplaySteps,
      toolNames: [
        ...(this.options.toolNames ?? []),
        ...(this.options.tools?.toolHost.tools.map((tool) => tool.name) ?? []),
      ],
    });
  }
}
