import type { InterpreterStatus } from '@codeact/server';
import { describe, expect, it } from 'vitest';
import { interpreterText } from './interpreter-badge.js';

const status = (state: InterpreterStatus['state'], replayed = 0, pendingReplay = 0): InterpreterStatus => ({
  state,
  replayed: Array.from({ length: replayed }, (_, step) => ({ runId: 'r', step })),
  pendingReplay,
});

describe('interpreterText', () => {
  it('says ready between turns and running only while a turn runs', () => {
    expect(interpreterText(status('running'), false)).toBe('ready');
    expect(interpreterText(status('running'), true)).toBe('running');
    expect(interpreterText(status('running', 3), false)).toBe('ready · 3 actions re-run');
  });

  it('says idle before the interpreter starts, with what a restart will re-run', () => {
    expect(interpreterText(undefined, false)).toBe('idle');
    expect(interpreterText(status('idle', 0, 2), false)).toBe('idle · 2 actions to re-run at the next message');
    expect(interpreterText(status('restoring', 1), true)).toBe('rebuilding state (1 re-run)');
  });
});
