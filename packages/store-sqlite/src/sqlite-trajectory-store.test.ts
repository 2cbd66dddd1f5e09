import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '@codeact/core/testing';
import { afterAll } from 'vitest';
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
