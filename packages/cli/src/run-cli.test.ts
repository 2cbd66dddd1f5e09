import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AgentEvent, parseTrajectory } from '@codeact/core';
import { createSqliteTrajectoryStore } from '@codeact/store-sqlite';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { bufferedIo } from './test-support/buffered-io.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const fibonacciScript = join(repoRoot, 'examples/fibonacci.jsonl');

const codeactHome = await mkdtemp(join(tmpdir(), 'codeact-home-'));

function createIo(options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {}) {
  return bufferedIo({ ...options, cwd: options.cwd ?? repoRoot, env: { CODEACT_HOME: codeactHome, ...options.env } });
}

describe('codeact (in process)', () => {
  it('prints help generated from the option table', async () => {
    const { io, stdout } = createIo();
    expect(await runCli(['run', '--help'], io)).toBe(0);
    expect(stdout()).toContain('--max-turns VALUE');
    expect(stdout()).toContain('Usage: codeact run [options] "TASK"');
  });

  it('fails fast with the fix on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['fly'], /Unknown command "fly"/],
      [['run', '--bogus', 'x'], /Unknown option '--bogus'.*codeact run --help/s],
      [['run', '--max-turns', 'many', 'x'], /--max-turns takes a non-negative number, not "many"/],
      [['run', '--interpreter', 'jython', 'x'], /--interpreter must be one of auto, python, pyodide/],
      [['exec', '--model', 'openai:gpt-4o', '-'], /Unknown option '--model'/],
      [['run', '--base-url', 'http://127.0.0.1:9/v1', 'task'], /No model given\. Pass --model/],
      [['run', '--model', 'script:missing.jsonl', 'task'], /missing\.jsonl/],
    ];
    for (const [argv, message] of cases) {
      const { io, stderr } = createIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(stderr()).toMatch(message);
    }
  });

  it('runs a self-debugging task and prints only the answer on stdout', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-cli-'));
    const trajectoryFile = join(directory, 'runs.jsonl');
    const { io, stdout, stderr } = createIo();
    const code = await runCli(
      [
        'run',
        '--model',
        `script:${fibonacciScript}`,
        '--trajectory',
        trajectoryFile,
        'What is the 20th Fibonacci number?',
      ],
      io,
    );
    expect(stderr()).toContain('IndexError: list index out of range');
    expect(stderr()).toContain('6765 6765');
    expect(code).toBe(0);
    expect(stdout()).toBe('6765\n');
    const trajectory = parseTrajectory((await readFile(trajectoryFile, 'utf8')).trim());
    expect(trajectory.value?.steps.map((step) => step.execution?.error?.name ?? step.action.type)).toEqual([
      'IndexError',
      'code',
      'answer',
    ]);
    const store = createSqliteTrajectoryStore({ path: join(codeactHome, 'codeact.db') });
    try {
      const saved = await store.getTrajectory(trajectory.value?.id ?? '');
      expect(saved?.outcome).toEqual({ status: 'answer', answer: '6765' });
    } finally {
      await store.close();
    }
  });

  it('streams JSON events ending in run-end with --json', async () => {
    const { io, stdout } = createIo();
    expect(await runCli(['run', '--json', '--model', `script:${fibonacciScript}`, 'fib'], io)).toBe(0);
    const events = stdout()
      .trim()
      .split('\n')
      .map((line) => AgentEvent.parse(JSON.parse(line)));
    expect(events[0]?.type).toBe('run-start');
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'answer', answer: '6765' });
  });

  it('exits 1 when the run ends without an answer', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-cli-'));
    const script = join(directory, 'loop.jsonl');
    await writeFile(script, `${JSON.stringify({ reply: '<execute>x = 1</execute>' })}\n`.repeat(2));
    const { io, stdout, stderr } = createIo();
    expect(await runCli(['run', '--max-turns', '2', '--model', `script:${script}`, 'never answers'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('Run ended: max-turns');
  });

  it('holds a multi-turn chat in one interpreter session', async () => {
    const { io, stdout } = createIo({
      stdin: 'Summarise the sales by region.\nYes, compute growth too.\n/exit\n',
    });
    expect(await runCli(['chat', '--model', `script:${join(repoRoot, 'examples/chat-sales.jsonl')}`], io)).toBe(0);
    expect(stdout()).toContain('west 196.66666666666666');
    expect(stdout()).toContain('Should I compute growth rates too?');
    expect(stdout()).toContain("{'north': 25.0, 'south': 16.7, 'west': 5.0}");
    expect(stdout()).toContain('Answer: north 25.0%, south 16.7%, west 5.0%');
  });

  it('executes Python from stdin and prints the observation the model would see', async () => {
    const { io, stdout } = createIo({ stdin: 'x = 6 * 7\nprint(x)\nx / 0' });
    expect(await runCli(['exec', '-'], io)).toBe(1);
    expect(stdout()).toMatch(
      /^42\nTraceback \(most recent call last\):\n[\s\S]*ZeroDivisionError: division by zero\n$/,
    );
  });
});

describe('codeact (binary)', () => {
  it('runs from the installed bin with the answer as the last stdout line', async () => {
    const bin = join(repoRoot, 'packages/cli/bin/codeact.js');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'run', '--model', 'script:examples/fibonacci.jsonl', 'What is the 20th Fibonacci number?'],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '' } },
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('6765');
  });
});

describe('codeact bench (in process)', () => {
  it('runs a benchmark subset, writes the reports and saves every episode to the store', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-bench-'));
    const task = 'cryptobotanists_plant_dna_sequencer/transcribe_translate_amino_acid_length';
    const script = join(directory, 'script.jsonl');
    const replies = [
      {
        task: `code:${task}`,
        reply:
          "Action:\nchain = translate_mrna_to_amino_acid(transcribe_dna_to_mrna('AGCTAGCGTA'))\nprint(len(chain.split('-')))\nEnd Action",
      },
      { task: `code:${task}`, reply: 'Answer: 4' },
    ];
    await writeFile(script, replies.map((line) => JSON.stringify(line)).join('\n'));
    const out = join(directory, 'out');
    const { io, stdout } = createIo();
    const code = await runCli(
      ['bench', 'm3tooleval', '--model', `script:${script}`, '--format', 'code', '--tasks', task, '--out', out],
      io,
    );
    expect(code).toBe(0);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.summary.code).toMatchObject({ success: 1, total: 1, avgTurns: 2 });
    expect(stdout()).toContain(join(out, 'report.md'));
    const store = createSqliteTrajectoryStore({ path: join(codeactHome, 'codeact.db') });
    try {
      const page = await store.listTrajectories({ dataset: 'bench/m3tooleval' });
      expect(page.items.map((trajectory) => trajectory.taskId)).toContain(task);
    } finally {
      await store.close();
    }
  });
});
