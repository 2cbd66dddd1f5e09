import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@codeact/core';
import { makeTestTrajectory } from '@codeact/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openTrajectoryStore } from './open-trajectory-store.js';

const directory = mkdtempSync(join(tmpdir(), 'codeact-open-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('openTrajectoryStore', () => {
  it('defaults to SQLite under CODEACT_HOME, and keeps what was saved', async () => {
    const env = { CODEACT_HOME: directory };
    const store = await openTrajectoryStore({ env });
    expect(store.storeId).toBe('sqlite');
    await store.saveTrajectory(makeTestTrajectory('kept'));
    await store.close();
    const again = await openTrajectoryStore({ url: `sqlite:${join(directory, 'codeact.db')}`, env: {} });
    expect(await again.getTrajectory('kept')).toBeDefined();
    await again.close();
  });

  it('picks memory: and rejects unknown schemes', async () => {
    const store = await openTrajectoryStore({ url: 'memory:' });
    expect(store.storeId).toBe('memory');
    await expect(openTrajectoryStore({ url: 'mysql://x' })).rejects.toBeInstanceOf(ConfigurationError);
  });
});
