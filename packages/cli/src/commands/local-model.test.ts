import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentEvent } from '@codeact/core';
import { ensureTestRuntime, testRuntimeDir, writeTinyGguf } from '@codeact/model-local/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
let directory: string;

function createIo(env: Record<string, string>) {
  return bufferedIo({
    cwd: repoRoot,
    env: { CODEACT_HOME: directory, CODEACT_LOCAL_RUNTIME_DIR: testRuntimeDir(), CODEACT_OFFLINE: '1', ...env },
  });
}

describe('codeact run --model local:', () => {
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'codeact-local-'));
    await ensureTestRuntime();
  }, 300_000);

  it('runs an episode with an embedded GGUF model and real Python', async () => {
    const model = await writeTinyGguf(join(directory, 'scripted.gguf'), { scripted: true });
    const { io, stderr } = createIo({});
    const code = await runCli(['run', '--max-turns', '2', '--model', `local:${model}?threads=1`, 'What is 6 * 7?'], io);
    expect(stderr()).toContain('<execute>print(6 * 7)</execute>');
    expect(stderr()).toContain('Observation:\n42');
    expect(code).toBe(1);
  });

  it('makes a random-weight model emit only valid actions under the grammar', async () => {
    const model = await writeTinyGguf(join(directory, 'random.gguf'));
    const { io, stdout } = createIo({});
    await runCli(
      [
        'run',
        '--json',
        '--max-turns',
        '3',
        '--model',
        `local:${model}?temperature=1&seed=4&max-tokens=96&threads=1`,
        'Go',
      ],
      io,
    );
    const events = stdout()
      .trim()
      .split('\n')
      .map((line) => AgentEvent.parse(JSON.parse(line)));
    const actions = events.flatMap((event) => (event.type === 'action' ? [event.action.type] : []));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((type) => type === 'code' || type === 'answer')).toBe(true);
  });

  it('says how to get the default model when it is not downloaded and the machine is offline', async () => {
    const { io, stderr } = createIo({});
    expect(await runCli(['run', 'What is 6 * 7?'], io)).toBe(1);
    expect(stderr()).toContain('no --model and no API key: using the embedded model local:hf:');
    expect(stderr()).toMatch(/not downloaded yet .*\(offline mode\)/);
  });
});
