import { ConfigurationError } from '../errors/configuration-error.js';
import { Trajectory } from '../trajectory/trajectory-schema.js';
import type { Conversation, NewConversation } from './trajectory-store.js';

/** The clock and id source of a store, injectable for deterministic tests. */
export type StoreClockOptions = {
  readonly now?: () => Date;
  readonly generateId?: () => string;
};

/** For store implementations: ISO timestamps and fresh ids, from the options or the real clock. */
export function storeClock(options: StoreClockOptions): { now: () => string; generateId: () => string } {
  return {
    now: () => (options.now ?? (() => new Date()))().toISOString(),
    generateId: options.generateId ?? (() => crypto.randomUUID()),
  };
}

/** For store implementations: the page size for a query's `limit` (at most 1000). */
export function resolveStorePageSize(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw new ConfigurationError(`limit must be a positive integer, got ${limit}`);
  return Math.min(limit, 1000);
}

/** For store implementations: cursors are the ordering key of the last item returned, as a decimal string. */
export function parseStoreCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d+$/.test(cursor)) throw new ConfigurationError(`not a cursor from this store: ${cursor}`);
  return Number(cursor);
}

/** For store implementations: validates before writing (a `ConfigurationError` if invalid), so nothing unreadable is stored. */
export function validateTrajectoryForStore(trajectory: Trajectory): Trajectory {
  const parsed = Trajectory.safeParse(trajectory);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(`not a valid trajectory: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

export function newConversationRecord(input: NewConversation, id: string, now: string): Conversation {
  return {
    id: input.id ?? id,
    title: input.title ?? '',
    createdAt: now,
    updatedAt: now,
    model: input.model,
    interpreter: input.interpreter,
    metadata: input.metadata ?? {},
    ...(input.owner === undefined ? {} : { owner: input.owner }),
  };
}

export function ownedBy(recordOwner: string | undefined, scope: string | undefined): boolean {
  return scope === undefined || recordOwner === scope;
}

export function conflictingOwner(id: string): ConfigurationError {
  return new ConfigurationError(`${id} belongs to another owner`);
}

export function duplicateConversation(id: string): ConfigurationError {
  return new ConfigurationError(`conversation ${id} already exists`);
}

export function missingConversation(id: string): ConfigurationError {
  return new ConfigurationError(`no conversation ${id}`);
}

export function closedStore(storeId: string): ConfigurationError {
  return new ConfigurationError(`the ${storeId} store is closed`);
}
