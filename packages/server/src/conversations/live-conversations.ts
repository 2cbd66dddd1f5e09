import type { Logger } from '../logging/logger.js';
import { createLiveConversation, type LiveConversation } from './live-conversation.js';

/**
 * The conversations held in memory, and the housekeeping of their interpreters: at most
 * `maxLiveSessions` running (the least recently used idle one makes room), idle ones reaped.
 */
export class LiveConversations {
  private readonly byId = new Map<string, LiveConversation>();
  private readonly limits: { readonly maxLiveSessions: number; readonly sessionIdleMs: number };
  private readonly logger: Logger;

  constructor(limits: { readonly maxLiveSessions: number; readonly sessionIdleMs: number }, logger: Logger) {
    this.limits = limits;
    this.logger = logger;
  }

  get(id: string): LiveConversation | undefined {
    return this.byId.get(id);
  }

  /** The conversation's live state, created on first use. */
  getOrCreate(id: string, owner: string): LiveConversation {
    let live = this.byId.get(id);
    if (!live) {
      live = createLiveConversation(id, owner);
      this.byId.set(id, live);
    }
    return live;
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  values(): LiveConversation[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  async closeSession(live: LiveConversation): Promise<void> {
    const session = live.session;
    live.session = undefined;
    if (session) await session.close().catch(() => {});
  }

  /** Stops the least recently used idle interpreter when `maxLiveSessions` are running. */
  async makeRoomForSession(): Promise<void> {
    const withSession = this.values().filter((live) => live.session);
    if (withSession.length < this.limits.maxLiveSessions) return;
    const idle = withSession
      .filter((live) => !live.turn && !live.restoring)
      .sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    const victim = idle[0];
    if (victim) {
      this.logger.log('info', 'interpreter stopped to make room', { conversationId: victim.id });
      await this.closeSession(victim);
    }
  }

  /** Stops interpreters idle past `sessionIdleMs` and forgets conversations nobody follows. */
  async reapIdle(): Promise<void> {
    const cutoff = Date.now() - this.limits.sessionIdleMs;
    for (const live of this.values()) {
      if (live.session && !live.turn && !live.restoring && live.lastUsedMs < cutoff) {
        this.logger.log('info', 'idle interpreter stopped', { conversationId: live.id });
        await this.closeSession(live);
      }
      if (!live.session && !live.turn && live.listeners.size === 0 && live.lastUsedMs < cutoff)
        this.byId.delete(live.id);
    }
  }
}
