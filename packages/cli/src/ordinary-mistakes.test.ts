import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { bufferedIo } from './test-support/buffered-io.js';
import { repoRoot } from './test-support/spawn-cli.js';

async function cli(argv: string[], cwd: string) {
  const { io, stdout, stderr } = bufferedIo({ cwd, env: { CODEACT_HOME: cwd } });
  const code = await runCli(argv, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

/** One line, no Node stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('ordinary mistakes get one line with the fix', () => {
  it('says a port is busy', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-mistakes-'));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const script = `script:${join(repoRoot, 'examples/fibonacci.jsonl')}`;
      const result = await cli(['serve', '--model', script, '--port', String(port)], directory);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, new RegExp(`Port ${port} on 127.0.0.1 is already in use: pass --port`));
    } finally {
      blocker.close();
    }
  });

  it('names a missing input file of data import and data stats', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-mistakes-'));
    for (const argv of [
      ['data', 'import', '--from', 'mint', 'missing.jsonl'],
      ['data', 'stats', 'missing.jsonl'],
    ]) {
      const result = await cli(argv, directory);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, /missing\.jsonl does not exist: check the path\./);
    }
  });

  it('refuses an unknown dataset instead of printing an empty funnel', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-mistakes-'));
    const result = await cli(['data', 'filter', '--dataset', 'nope', '--to', 'kept'], directory);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /The store has no dataset "nope"/);
    expect(result.stdout).toBe('');
  });

  it('creates the folder of data export --out', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-mistakes-'));
    const script = `script:${join(repoRoot, 'examples/fibonacci.jsonl')}`;
    const run = await cli(
      ['run', '--store', 'none', '--trajectory', 'runs.jsonl', '--model', script, 'fib(20)?'],
      directory,
    );
    expect(run.code).toBe(0);
    const result = await cli(['data', 'export', '--input', 'runs.jsonl', '--out', 'new/folder/train.jsonl'], directory);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readFile(join(directory, 'new/folder/train.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('stops a benchmark after a few episodes in a row could not run', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-mistakes-'));
    await writeFile(join(directory, 'empty.jsonl'), `${JSON.stringify({ reply: 'x', task: 'another-task' })}\n`);
    const argv = ['bench', 'm3tooleval', '--model', 'script:empty.jsonl', '--format', 'code'];
    const result = await cli([...argv, '--tasks', 'cryptobotanists_plant_dna_sequencer/*', '--out', 'out'], directory);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stopped early: 3 episodes in a row could not run \(last: The scripted model/);
    expect(result.stderr.match(/error in code /g)).toHaveLength(3);
  });
});

describe('codeact flags and help', () => {
  it('prints the version', async () => {
    const result = await cli(['--version'], repoRoot);
    const manifest = JSON.parse(await readFile(join(repoRoot, 'packages/cli/package.json'), 'utf8'));
    expect(result.stdout).toBe(`codeact ${manifest.version}\n`);
  });

  it('shows only a data subcommand’s flags, with its defaults', async () => {
    const result = await cli(['data', 'import', '--help'], repoRoot);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--from VALUE');
    expect(result.stdout).toMatch(/--dataset VALUE .*\(default: imported\)/);
    expect(result.stdout).not.toContain('--recipe');
    expect(result.stdout).not.toContain('--rule');
    expect(result.stdout).not.toContain('codeact-bench/');
  });

  it('lists in the unknown-provider error exactly the providers --model help documents', async () => {
    const result = await cli(['run', '--model', 'nosuch:model', 'x'], repoRoot);
    expect(result.code).toBe(2);
    const listed = /Providers: ([^.]+)\./.exec(result.stderr)?.[1]?.split(', ') ?? [];
    const help = (await cli(['run', '--help'], repoRoot)).stdout;
    const documented = [
      ...new Set([...help.matchAll(/\b([a-z][a-z-]*):(?:NAME|FILE|DIR|hf)/g)].map((match) => match[1])),
    ];
    expect(listed.sort()).toEqual(documented.sort());
    expect(help).toContain('local:hf:OWNER/REPO/FILE.gguf');
  });
});
