import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestTrajectory, storeContract } from '@codeact/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteTrajectoryStore } from './sqlite-trajectory-store.js';

const directory = mkdtempSync(join(tmpdir(), 'codeact-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let count = 0;
const paths = new WeakMap<object, string>();

storeContract({
  name: 'sqlite',
  createStore: () => {
    const path = join(directory, `store-${++count}.db`);
    const store = createSqliteTrajectoryStore({ path });
    paths.set(store, path);
    return store;
  },
  reopenStore: (closed) => {
    const path = paths.get(closed) as string;
    const store = createSqliteTrajectoryStore({ path });
    paths.set(store, path);
    return store;
  },
});

describe('createSqliteTrajectoryStore on one connection', () => {
  it('keeps concurrent callers out of each other’s transactions', async () => {
    const store = createSqliteTrajectoryStore({ path: join(directory, 'concurrent.db') });
    try {
      await store.saveTrajectory(makeTestTrajectory('taken'), { owner: 'alice' });
      const failing = store.saveTrajectories([makeTestTrajectory('batch-1'), makeTestTrajectory('taken')], {
        owner: 'bob',
      });
      const independent = store.saveTrajectory(makeTestTrajectory('independent'));
      await expect(failing).rejects.toThrow('taken belongs to another owner');
      await independent;
      expect(await store.getTrajectory('independent')).toBeDefined();
      expect(await store.getTrajectory('batch-1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
