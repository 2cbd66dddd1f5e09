import type { AgentEvent } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { applyAgentEvent, endLiveTurn, startLiveTurn } from './turn-model.js';

const runId = 'run-1';
const events: AgentEvent[] = [
  { type: 'run-start', runId, model: 'script:a', executor: 'python', startedAt: '2026-01-01T00:00:00Z' },
  { type: 'user-message', runId, text: 'plot it' },
  { type: 'step-start', runId, step: 0 },
  { type: 'text-delta', runId, step: 0, text: 'Let me <execute>\nprint(' },
  { type: 'text-delta', runId, step: 0, text: '1)\n</execute>' },
  {
    type: 'reply-end',
    runId,
    step: 0,
    text: 'Let me <execute>\nprint(1)\n</execute>',
    finishReason: 'stop',
    usage: { inputTokens: 10, outputTokens: 5 },
  },
  { type: 'action', runId, step: 0, action: { type: 'code', code: 'print(1)', thought: 'Let me' } },
  { type: 'execution-start', runId, step: 0, code: 'print(1)' },
];

describe('turn model', () => {
  it('folds streamed events into steps as they arrive', () => {
    let turn = startLiveTurn('turn-1', 'plot it');
    for (const event of events.slice(0, 5)) turn = applyAgentEvent(turn, event);
    expect(turn.runId).toBe(runId);
    expect(turn.steps).toEqual([
      { index: 0, text: 'Let me <execute>\nprint(1)\n</execute>', replied: false, executing: false },
    ]);
    for (const event of events.slice(5)) turn = applyAgentEvent(turn, event);
    expect(turn.steps[0]).toMatchObject({ replied: true, executing: true, action: { type: 'code', code: 'print(1)' } });
    for (const [stream, text] of [
      ['stdout', '1'],
      ['stdout', '\n'],
      ['stderr', 'w\n'],
    ] as const) {
      turn = applyAgentEvent(turn, { type: 'execution-output', runId, step: 0, stream, text });
    }
    expect(turn.steps[0]?.liveOutput).toEqual([
      { stream: 'stdout', text: '1\n' },
      { stream: 'stderr', text: 'w\n' },
    ]);
    turn = applyAgentEvent(turn, {
      type: 'execution-end',
      runId,
      step: 0,
      execution: { stdout: '1\n', stderr: '', artifacts: [], executionCount: 1, durationMs: 3 },
    });
    expect(turn.steps[0]).toMatchObject({ executing: false, execution: { stdout: '1\n' } });
    expect(turn.steps[0]?.liveOutput).toBeUndefined();
    turn = endLiveTurn(turn, {
      turnId: 'turn-1',
      runId,
      status: 'aborted',
      usage: { inputTokens: 10, outputTokens: 5 },
    });
    expect(turn).toMatchObject({ live: false, status: 'aborted', usage: { inputTokens: 10, outputTokens: 5 } });
  });
});
