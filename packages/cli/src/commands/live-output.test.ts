import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentEvent } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../test-support/spawn-cli.js';

const slowCell = 'import time\nfor i in range(6):\n    print("tick", i, flush=True)\n    time.sleep(0.5)';

describe('codeact run: live output', () => {
  it('writes the first line of a slow cell to the JSON stream long before the cell ends', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-live-'));
    const script = join(directory, 'slow.jsonl');
    const replies = [`<execute>\n${slowCell}\n</execute>`, '<solution>done</solution>'];
    await writeFile(script, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
    const cli = spawnCli(['run', '--json', '--store', 'none', '--model', `script:${script}`, 'Count slowly.'], {
      env: { CODEACT_HOME: directory },
    });
    expect(await cli.exited).toBe(0);
    const events = cli.stdoutLines.map((line) => ({ atMs: line.atMs, event: AgentEvent.parse(JSON.parse(line.text)) }));
    const first = events.find(({ event }) => event.type === 'execution-output');
    const end = events.find(({ event }) => event.type === 'execution-end');
    expect(first?.event).toMatchObject({ stream: 'stdout', text: expect.stringMatching(/^tick 0\n/) });
    expect(end).toBeDefined();
    expect((end?.atMs ?? 0) - (first?.atMs ?? 0)).toBeGreaterThanOrEqual(2000);
    const streamed = events.flatMap(({ event }) => (event.type === 'execution-output' ? [event.text] : [])).join('');
    expect(end?.event.type === 'execution-end' && end.event.execution.stdout).toBe(streamed);
  });
});
