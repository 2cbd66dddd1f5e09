import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectTrajectories, readTasks } from '@codeact/data';
import { createSqliteTrajectoryStore } from '@codeact/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JS fixture shared with the child process.
import { idleExecutor, offlineTools, slowModel } from '../__fixtures__/slow-collection.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sampleTasks = join(here, '../../../data/samples/tasks/sample.jsonl');
const directory = mkdtempSync(join(tmpdir(), 'codeact-collect-killed-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('codeact data collect into SQLite, killed midway', () => {
  it('loses nothing: a SIGKILLed collection resumes to the full set', async () => {
    const child = join(here, '../__fixtures__/collect-child.mjs');
    const built = join(here, '../../../data/dist/index.js');
    expect(existsSync(built), 'the child process runs the built packages: run `npx tsc -b` first').toBe(true);
    const databasePath = join(directory, 'killed.db');
    const process = spawn(globalThis.process.execPath, [child, databasePath, sampleTasks], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    process.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => process.once('exit', () => resolve()));
    const watcher = createSqliteTrajectoryStore({ path: databasePath });
    try {
      const deadline = Date.now() + 30_000;
      let count = 0;
      while (count < 3) {
        expect(Date.now(), `child made no progress: ${stderr}`).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 50));
        count = (await watcher.listTrajectories({ dataset: 'killed' })).items.length;
      }
      process.kill('SIGKILL');
      await exited;
    } finally {
      await watcher.close();
    }

    const store = createSqliteTrajectoryStore({ path: databasePath });
    try {
      const before = (await store.listTrajectories({ dataset: 'killed' })).items;
      expect(before.length).toBeGreaterThanOrEqual(3);
      expect(before.length).toBeLessThan(9);
      const tasks = await readTasks(sampleTasks);
      const summary = await collectTrajectories({
        tasks,
        model: slowModel(tasks, 0),
        executor: idleExecutor(),
        store,
        dataset: 'killed',
        tools: offlineTools(),
      });
      expect(summary).toMatchObject({ planned: 9, skipped: before.length, completed: 9 - before.length, failed: 0 });
      const after = (await store.listTrajectories({ dataset: 'killed' })).items;
      expect(after.map((trajectory) => trajectory.taskId).sort()).toEqual(tasks.map((task) => task.id).sort());
      expect(new Set(after.map((trajectory) => trajectory.id)).size).toBe(9);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.every((trajectory) => trajectory.steps.at(-1)?.action.type === 'answer')).toBe(true);
    } finally {
      await store.close();
    }
  });
});
