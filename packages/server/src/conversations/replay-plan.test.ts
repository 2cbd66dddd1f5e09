import type { Trajectory, TrajectoryStep } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { findSideEffect, planReplay } from './replay-plan.js';

function step(
  index: number,
  code: string,
  execution: Partial<NonNullable<TrajectoryStep['execution']>> = {},
): TrajectoryStep {
  return {
    index,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    reply: { text: code, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, durationMs: 1 },
    action: { type: 'code', code, thought: '' },
    execution: { stdout: '', stderr: '', artifacts: [], executionCount: index + 1, durationMs: 1, ...execution },
  };
}

function run(id: string, steps: TrajectoryStep[]): Trajectory {
  return {
    schemaVersion: 1,
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    model: { provider: 'script', modelId: 'm' },
    executor: { executorId: 'python', description: 'python' },
    actionFormat: 'code',
    messages: [],
    steps,
    outcome: { status: 'answer' },
    usage: { inputTokens: 0, outputTokens: 0 },
    durationMs: 1,
  };
}

const keyError = { name: 'KeyError', message: "'x'", traceback: "KeyError: 'x'" };

describe('findSideEffect', () => {
  it.each([
    ["open('log.txt', 'a').write('x')", 'appends to a file'],
    ["df.to_csv('out.csv', mode='a', header=False)", 'appends to a file'],
    ["os.remove('data.csv')", 'deletes or moves files'],
    ["shutil.rmtree('build')", 'deletes or moves files'],
    ["Path('x').unlink()", 'deletes or moves files'],
    ["subprocess.run(['ls'])", 'starts or signals processes'],
    ["os.system('ls')", 'starts or signals processes'],
    ["requests.get('http://example.com')", 'uses the network'],
    ['import urllib.request', 'uses the network'],
  ])('flags %j: %s', (code, reason) => {
    expect(findSideEffect(code)).toBe(reason);
  });

  it.each([
    "df = pd.read_csv('sales.csv')",
    "df.to_csv('clean.csv')",
    "plt.savefig('plot.png')",
    "df = df.rename(columns={'a': 'b'})",
    "text = 'a'.replace('a', 'b')",
    "with open('notes.txt', 'w') as f:\n    f.write('x')",
  ])('lets %j be re-run', (code) => {
    expect(findSideEffect(code)).toBeUndefined();
  });

  it('treats calls of sandbox tools as side effects', () => {
    expect(findSideEffect("send_email('a@b.c', 'hi')", ['send_email'])).toBe('calls the tool send_email');
    expect(findSideEffect('resend_email_count = 1', ['send_email'])).toBeUndefined();
  });
});

describe('planReplay', () => {
  it('keeps every code action in order, failed ones with the exception they must raise again', () => {
    const plan = planReplay([
      run('r1', [step(0, 'df = load()\ndf.x', { error: keyError }), step(1, 'total = df.y.sum()')]),
      run('r2', [step(0, 'print(total)')]),
    ]);
    expect(plan).toEqual({
      steps: [
        { runId: 'r1', step: 0, code: 'df = load()\ndf.x', expectedError: 'KeyError' },
        { runId: 'r1', step: 1, code: 'total = df.y.sum()' },
        { runId: 'r2', step: 0, code: 'print(total)' },
      ],
    });
  });

  it('starts after the last time the interpreter lost its state', () => {
    const plan = planReplay([
      run('r1', [step(0, 'a = 1'), step(1, 'while True: pass', { timedOut: true, stateLost: true }), step(2, 'b = 2')]),
    ]);
    expect(plan.steps.map((entry) => entry.code)).toEqual(['b = 2']);
  });

  it('stops at a side effect or a timed-out action that left an unknown state', () => {
    expect(planReplay([run('r1', [step(0, 'a = 1'), step(1, "os.remove('x')"), step(2, 'b = 2')])])).toEqual({
      steps: [{ runId: 'r1', step: 0, code: 'a = 1' }],
      blocked: { runId: 'r1', step: 1, reason: 'deletes or moves files' },
    });
    expect(
      planReplay([run('r1', [step(0, 'a = 1'), step(1, 'slow()', { timedOut: true }), step(2, 'b = 2')])]).blocked,
    ).toEqual({
      runId: 'r1',
      step: 1,
      reason: 'timed out, leaving an unknown state',
    });
  });

  it('caps the number of actions re-run', () => {
    const plan = planReplay([run('r1', [step(0, 'a = 1'), step(1, 'b = 2'), step(2, 'c = 3')])], { maxSteps: 2 });
    expect(plan.steps).toHaveLength(2);
    expect(plan.blocked?.reason).toBe('is past the 2 actions re-run at most');
  });
});
