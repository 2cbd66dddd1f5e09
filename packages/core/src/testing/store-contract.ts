import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { iterateTrajectories, type TrajectoryStore } from '../store/trajectory-store.js';
import type { Trajectory } from '../trajectory/trajectory-schema.js';

export type StoreContractOptions = {
  /** Suite title, e.g. `SqliteTrajectoryStore`. */
  readonly name: string;
  /** A new, empty store for each case. */
  readonly createStore: () => Promise<TrajectoryStore> | TrajectoryStore;
  /**
   * For persistent stores: opens the same data again after `store` was closed. Enables the cases
   * that check nothing is lost across a restart.
   */
  readonly reopenStore?: (closed: TrajectoryStore) => Promise<TrajectoryStore> | TrajectoryStore;
};

/** A small valid trajectory for store tests; `overrides` replace top-level fields. */
export function makeTestTrajectory(id: string, overrides: Partial<Trajectory> = {}): Trajectory {
  return {
    schemaVersion: 1,
    id,
    createdAt: '2024-01-02T03:04:05.000Z',
    model: { provider: 'script', modelId: 'scripted' },
    executor: { executorId: 'scripted', description: 'scripted executor' },
    actionFormat: 'codeact',
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: `Task ${id}: what is 6 × 7? 🙂` },
      { role: 'assistant', content: '<execute>\nprint(6 * 7)\n</execute>' },
      { role: 'user', content: 'Observation:\n42' },
      { role: 'assistant', content: '<solution>42</solution>' },
    ],
    steps: [
      {
        index: 0,
        startedAt: '2024-01-02T03:04:05.000Z',
        durationMs: 12.5,
        reply: {
          text: '<execute>\nprint(6 * 7)\n</execute>',
          finishReason: 'stop',
          usage: { inputTokens: 10, outputTokens: 5 },
          durationMs: 3,
        },
        action: { type: 'code', code: 'print(6 * 7)', thought: '' },
        execution: { stdout: '42\n', stderr: '', artifacts: [], executionCount: 1, durationMs: 1 },
        observation: 'Observation:\n42',
      },
      {
        index: 1,
        startedAt: '2024-01-02T03:04:06.000Z',
        durationMs: 2,
        reply: {
          text: '<solution>42</solution>',
          finishReason: 'stop',
          usage: { inputTokens: 20, outputTokens: 4 },
          durationMs: 1,
        },
        action: { type: 'answer', answer: '42', thought: '' },
        correct: true,
      },
    ],
    outcome: { status: 'answer', answer: '42' },
    usage: { inputTokens: 30, outputTokens: 9 },
    durationMs: 14.5,
    metadata: { source: 'sample', nested: { list: [1, 'two', null, true], quote: 'it\'s "fine"' } },
    ...overrides,
  };
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/**
 * The behaviour every `TrajectoryStore` must have. Run it from each implementation's test file:
 *
 * @example
 * storeContract({ name: 'memory', createStore: () => createMemoryTrajectoryStore() });
 */
export function storeContract(options: StoreContractOptions): void {
  describe(`${options.name} (store contract)`, () => {
    let store: TrajectoryStore;

    beforeEach(async () => {
      store = await options.createStore();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('trajectories', () => {
      it('reads back exactly what was saved', async () => {
        const trajectory = makeTestTrajectory('t1', { taskId: 'task-1' });
        await store.saveTrajectory(trajectory);
        expect(await store.getTrajectory('t1')).toEqual(trajectory);
        expect(await store.getTrajectory('missing')).toBeUndefined();
      });

      it('replaces on re-save and keeps the first-saved position', async () => {
        await store.saveTrajectory(makeTestTrajectory('a'));
        await store.saveTrajectory(makeTestTrajectory('b'));
        const updated = makeTestTrajectory('a', { outcome: { status: 'max-turns', reason: 'out of turns' } });
        await store.saveTrajectory(updated);
        expect(await store.getTrajectory('a')).toEqual(updated);
        expect(ids((await store.listTrajectories()).items)).toEqual(['a', 'b']);
      });

      it('rejects a trajectory that fails the schema and stores nothing', async () => {
        const broken = { ...makeTestTrajectory('bad'), schemaVersion: 99 } as unknown as Trajectory;
        await expect(store.saveTrajectory(broken)).rejects.toBeInstanceOf(ConfigurationError);
        expect(await store.getTrajectory('bad')).toBeUndefined();
      });

      it('saves a batch atomically', async () => {
        const broken = { ...makeTestTrajectory('x3'), steps: 'nope' } as unknown as Trajectory;
        await expect(
          store.saveTrajectories([makeTestTrajectory('x1'), makeTestTrajectory('x2'), broken]),
        ).rejects.toBeInstanceOf(ConfigurationError);
        expect((await store.listTrajectories()).items).toEqual([]);
        await store.saveTrajectories([makeTestTrajectory('x1'), makeTestTrajectory('x2')], { dataset: 'batch' });
        expect(ids((await store.listTrajectories({ dataset: 'batch' })).items)).toEqual(['x1', 'x2']);
      });

      it('filters by dataset, task and conversation', async () => {
        await store.saveTrajectory(makeTestTrajectory('d1', { taskId: 'math/1' }), { dataset: 'run-a' });
        await store.saveTrajectory(makeTestTrajectory('d2', { taskId: 'math/2' }), { dataset: 'run-b' });
        await store.saveTrajectory(makeTestTrajectory('d3', { taskId: 'math/1' }), { dataset: 'run-a' });
        await store.saveTrajectory(makeTestTrajectory('c1', { conversationId: 'conv-1' }));
        expect(ids((await store.listTrajectories({ dataset: 'run-a' })).items)).toEqual(['d1', 'd3']);
        expect(ids((await store.listTrajectories({ taskId: 'math/1' })).items)).toEqual(['d1', 'd3']);
        expect(ids((await store.listTrajectories({ dataset: 'run-b', taskId: 'math/1' })).items)).toEqual([]);
        expect(ids((await store.listTrajectories({ conversationId: 'conv-1' })).items)).toEqual(['c1']);
      });

      it('keeps the dataset label when re-saved without one', async () => {
        await store.saveTrajectory(makeTestTrajectory('k'), { dataset: 'keep' });
        await store.saveTrajectory(makeTestTrajectory('k', { taskId: 'later' }));
        expect(ids((await store.listTrajectories({ dataset: 'keep' })).items)).toEqual(['k']);
      });

      it('pages in save order without gaps or repeats', async () => {
        const all = Array.from({ length: 7 }, (_, index) => `p${index}`);
        for (const id of all) await store.saveTrajectory(makeTestTrajectory(id));
        const first = await store.listTrajectories({ limit: 3 });
        expect(ids(first.items)).toEqual(['p0', 'p1', 'p2']);
        expect(first.nextCursor).toBeDefined();
        const second = await store.listTrajectories({ limit: 3, cursor: first.nextCursor });
        expect(ids(second.items)).toEqual(['p3', 'p4', 'p5']);
        const third = await store.listTrajectories({ limit: 3, cursor: second.nextCursor });
        expect(ids(third.items)).toEqual(['p6']);
        expect(third.nextCursor).toBeUndefined();
        const streamed: string[] = [];
        for await (const trajectory of iterateTrajectories(store, { limit: 2 })) streamed.push(trajectory.id);
        expect(streamed).toEqual(all);
      });

      it('rejects a bad page size or cursor', async () => {
        await expect(store.listTrajectories({ limit: 0 })).rejects.toBeInstanceOf(ConfigurationError);
        await expect(store.listTrajectories({ cursor: 'not a cursor' })).rejects.toBeInstanceOf(ConfigurationError);
      });

      it('deletes one trajectory', async () => {
        await store.saveTrajectory(makeTestTrajectory('gone'));
        await store.saveTrajectory(makeTestTrajectory('kept'));
        expect(await store.deleteTrajectory('gone')).toBe(true);
        expect(await store.deleteTrajectory('gone')).toBe(false);
        expect(ids((await store.listTrajectories()).items)).toEqual(['kept']);
      });

      it('scopes trajectories by owner', async () => {
        await store.saveTrajectory(makeTestTrajectory('alice-1'), { owner: 'alice' });
        await store.saveTrajectory(makeTestTrajectory('bob-1'), { owner: 'bob' });
        expect(ids((await store.listTrajectories({ owner: 'alice' })).items)).toEqual(['alice-1']);
        expect(ids((await store.listTrajectories()).items)).toEqual(['alice-1', 'bob-1']);
        expect(await store.getTrajectory('bob-1', { owner: 'alice' })).toBeUndefined();
        expect(await store.getTrajectory('bob-1')).toBeDefined();
        expect(await store.deleteTrajectory('bob-1', { owner: 'alice' })).toBe(false);
        await expect(store.saveTrajectory(makeTestTrajectory('bob-1'), { owner: 'alice' })).rejects.toBeInstanceOf(
          ConfigurationError,
        );
        expect(ids((await store.listTrajectories({ owner: 'bob' })).items)).toEqual(['bob-1']);
      });
    });

    describe('conversations', () => {
      it('creates with defaults and reads back', async () => {
        const created = await store.createConversation({ model: 'openai:gpt-4o', interpreter: 'python' });
        expect(created.id).toMatch(/\S/);
        expect(created).toMatchObject({ title: '', model: 'openai:gpt-4o', interpreter: 'python', metadata: {} });
        expect(created.updatedAt).toBe(created.createdAt);
        expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);
        expect(await store.getConversation(created.id)).toEqual(created);
        expect(await store.getConversation('missing')).toBeUndefined();
      });

      it('takes a caller id once', async () => {
        const input = { id: 'conv-x', title: 'Plot', model: 'm', interpreter: 'python', metadata: { pinned: true } };
        expect(await store.createConversation(input)).toMatchObject(input);
        await expect(store.createConversation(input)).rejects.toBeInstanceOf(ConfigurationError);
      });

      it('updates fields and bumps updatedAt', async () => {
        const created = await store.createConversation({ id: 'u', model: 'm1', interpreter: 'python' });
        await new Promise((resolve) => setTimeout(resolve, 5));
        const updated = await store.updateConversation('u', { title: 'Renamed', metadata: { a: [1] } });
        expect(updated).toMatchObject({ id: 'u', title: 'Renamed', model: 'm1', metadata: { a: [1] } });
        expect(updated?.createdAt).toBe(created.createdAt);
        expect(Date.parse(updated?.updatedAt ?? '')).toBeGreaterThan(Date.parse(created.updatedAt));
        expect(await store.getConversation('u')).toEqual(updated);
        expect(await store.updateConversation('missing', { title: 'x' })).toBeUndefined();
      });

      it('appends messages in order with sequence numbers', async () => {
        await store.createConversation({ id: 'm', model: 'm', interpreter: 'python' });
        const first = await store.appendMessages('m', [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Plot sin(x) ✨' },
        ]);
        expect(first.map((message) => message.seq)).toEqual([0, 1]);
        const second = await store.appendMessages('m', [
          { role: 'assistant', content: '<execute>plot()</execute>', runId: 'run-1' },
          { role: 'user', content: 'Observation:\nok', runId: 'run-1', metadata: { kind: 'observation' } },
        ]);
        expect(second.map((message) => message.seq)).toEqual([2, 3]);
        const all = await store.listMessages('m');
        expect(all).toEqual([...first, ...second]);
        expect(all[3]).toMatchObject({ role: 'user', runId: 'run-1', metadata: { kind: 'observation' } });
        expect(all[0]?.runId).toBeUndefined();
        expect((await store.listMessages('m', { afterSeq: 1 })).map((message) => message.seq)).toEqual([2, 3]);
        expect(await store.listMessages('missing')).toEqual([]);
      });

      it('keeps concurrent appends gap-free and ordered within each call', async () => {
        await store.createConversation({ id: 'busy', model: 'm', interpreter: 'python' });
        await Promise.all(
          Array.from({ length: 12 }, (_, turn) =>
            store.appendMessages('busy', [
              { role: 'user', content: `q${turn}` },
              { role: 'assistant', content: `a${turn}` },
            ]),
          ),
        );
        const messages = await store.listMessages('busy');
        expect(messages.map((message) => message.seq)).toEqual(Array.from({ length: 24 }, (_, index) => index));
        for (let index = 0; index < 24; index += 2) {
          expect(messages[index + 1]?.content).toBe(messages[index]?.content.replace('q', 'a'));
        }
      });

      it('rejects appends to an unknown conversation', async () => {
        await expect(store.appendMessages('nope', [{ role: 'user', content: 'hi' }])).rejects.toBeInstanceOf(
          ConfigurationError,
        );
      });

      it('lists the most recently updated first, page by page', async () => {
        for (const id of ['c1', 'c2', 'c3', 'c4'])
          await store.createConversation({ id, model: 'm', interpreter: 'py' });
        await store.appendMessages('c2', [{ role: 'user', content: 'bump' }]);
        await store.updateConversation('c1', { title: 'bumped' });
        const first = await store.listConversations({ limit: 3 });
        expect(ids(first.items)).toEqual(['c1', 'c2', 'c4']);
        const second = await store.listConversations({ limit: 3, cursor: first.nextCursor });
        expect(ids(second.items)).toEqual(['c3']);
        expect(second.nextCursor).toBeUndefined();
      });

      it('keeps its runs in order and deletes them with it', async () => {
        await store.createConversation({ id: 'chat', model: 'm', interpreter: 'python' });
        await store.createConversation({ id: 'other', model: 'm', interpreter: 'python' });
        await store.appendMessages('chat', [{ role: 'user', content: 'hi' }]);
        await store.saveTrajectory(makeTestTrajectory('run-2', { conversationId: 'chat' }));
        await store.saveTrajectory(makeTestTrajectory('run-1', { conversationId: 'chat' }));
        await store.saveTrajectory(makeTestTrajectory('run-o', { conversationId: 'other' }));
        await store.saveTrajectory(makeTestTrajectory('run-2', { conversationId: 'chat', taskId: 'again' }));
        expect(ids((await store.listTrajectories({ conversationId: 'chat' })).items)).toEqual(['run-2', 'run-1']);
        expect(await store.deleteConversation('chat')).toBe(true);
        expect(await store.deleteConversation('chat')).toBe(false);
        expect(await store.getConversation('chat')).toBeUndefined();
        expect(await store.listMessages('chat')).toEqual([]);
        expect(ids((await store.listTrajectories()).items)).toEqual(['run-o']);
      });

      it('scopes conversations by owner', async () => {
        await store.createConversation({ id: 'a1', model: 'm', interpreter: 'py', owner: 'alice' });
        await store.createConversation({ id: 'b1', model: 'm', interpreter: 'py', owner: 'bob' });
        expect(ids((await store.listConversations({ owner: 'alice' })).items)).toEqual(['a1']);
        expect(ids((await store.listConversations()).items).sort()).toEqual(['a1', 'b1']);
        expect(await store.getConversation('b1', { owner: 'alice' })).toBeUndefined();
        expect((await store.getConversation('b1'))?.owner).toBe('bob');
        expect(await store.updateConversation('b1', { title: 'x' }, { owner: 'alice' })).toBeUndefined();
        await expect(
          store.appendMessages('b1', [{ role: 'user', content: 'x' }], { owner: 'alice' }),
        ).rejects.toBeInstanceOf(ConfigurationError);
        expect(await store.listMessages('b1', { owner: 'alice' })).toEqual([]);
        expect(await store.deleteConversation('b1', { owner: 'alice' })).toBe(false);
        expect(await store.deleteConversation('b1', { owner: 'bob' })).toBe(true);
      });
    });

    it('closes idempotently and refuses work afterwards', async () => {
      const extra = await options.createStore();
      await extra.close();
      await extra.close();
      await expect(extra.getTrajectory('x')).rejects.toThrow(/closed/);
    });

    if (options.reopenStore) {
      const reopenStore = options.reopenStore;
      it('keeps everything across a close and reopen', async () => {
        const trajectory = makeTestTrajectory('durable', { taskId: 'task' });
        await store.saveTrajectory(trajectory, { dataset: 'set', owner: 'alice' });
        const conversation = await store.createConversation({ id: 'conv', model: 'm', interpreter: 'py' });
        await store.appendMessages('conv', [{ role: 'user', content: 'turn 1' }]);
        await store.close();
        store = await reopenStore(store);
        expect(await store.getTrajectory('durable', { owner: 'alice' })).toEqual(trajectory);
        expect(ids((await store.listTrajectories({ dataset: 'set' })).items)).toEqual(['durable']);
        expect((await store.getConversation('conv'))?.id).toBe(conversation.id);
        const appended = await store.appendMessages('conv', [{ role: 'assistant', content: 'turn 2' }]);
        expect(appended[0]?.seq).toBe(1);
        await store.saveTrajectory(makeTestTrajectory('after'));
        expect(ids((await store.listTrajectories()).items)).toEqual(['durable', 'after']);
      });
    }
  });
}
