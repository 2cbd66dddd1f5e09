import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@codeact/bench';
import { startTemporaryRedis, type TemporaryRedis } from '@codeact/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';
import { startWorker, stopWorker, until } from '../test-support/queue-workers.js';
import { spawnCli } from '../test-support/spawn-cli.js';

const tasks = 'message_decoder/*';

/** `results.json` without its timestamp. */
async function results(outDir: string): Promise<Record<string, unknown>> {
  const { createdAt: _, ...rest } = JSON.parse(await readFile(outDir, 'utf8'));
  return rest;
}

let dir: string;
let redis: TemporaryRedis;
let episodes: number;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-submitter-'));
  const all = (await (await loadSuite('m3tooleval')).listTasks({})) as readonly { id: string; expectedStr: string }[];
  const chosen = all.filter((task) => task.id.startsWith('message_decoder/'));
  episodes = chosen.length;
  // Each episode: a half-second action, then the answer (the first one wrong, so a failure is compared too).
  const lines = chosen.flatMap((task, index) => [
    { task: `code:${task.id}`, reply: 'Action:\nimport time\ntime.sleep(0.5)\nprint("working")\nEnd Action' },
    ...(index === 0
      ? Array.from({ length: 10 }, () => ({ task: `code:${task.id}`, reply: 'Answer: 0' }))
      : [{ task: `code:${task.id}`, reply: `Answer: ${task.expectedStr}` }]),
  ]);
  await writeFile(join(dir, 'slow.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  redis = await startTemporaryRedis();
});
afterAll(async () => {
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('codeact bench --queue, its submitting process killed', () => {
  it('re-attaches when run again: the same results as a local run, no episode run twice', async () => {
    const bench = ['bench', 'm3tooleval', '--model', 'script:slow.jsonl', '--tasks', tasks, '--format', 'code'];
    const local = bufferedIo({ cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    expect(await runCli([...bench, '--out', 'local', '--store', 'none'], local.io), local.stderr()).toBe(0);

    const worker = startWorker(['--queue', redis.url, '--store', 'none', '--suites', 'm3tooleval']);
    try {
      const queued = [...bench, '--queue', redis.url, '--out', 'queued', '--store', 'none'];
      const submitter = spawnCli(queued, { cwd: dir });
      await submitter.waitFor(`${episodes} episodes queued, 0 already queued or done`, 'stderr');
      await until(() => worker.log().includes('done m3tooleval'), 'the worker to finish an episode');
      submitter.child.kill('SIGKILL');
      expect(await submitter.exited).toBeNull();
      const doneWhenKilled = worker.log().match(/: done m3tooleval/g)?.length ?? 0;
      expect(doneWhenKilled).toBeLessThan(episodes);

      const again = bufferedIo({ cwd: dir, env: { PATH: process.env.PATH ?? '' } });
      expect(await runCli(queued, again.io), again.stderr()).toBe(0);
      // Nothing new to enqueue: the episodes the killed process had written are kept, the rest followed.
      expect(again.stderr()).toMatch(/ 0 episodes queued, \d+ already queued or done/);
      expect(await results(join(dir, 'queued', 'results.json'))).toEqual(
        await results(join(dir, 'local', 'results.json')),
      );
      expect(worker.log().match(/: start m3tooleval/g)).toHaveLength(episodes);
      expect(worker.log().match(/: done m3tooleval/g)).toHaveLength(episodes);
    } finally {
      await stopWorker(worker);
    }
  }, 120_000);
});
