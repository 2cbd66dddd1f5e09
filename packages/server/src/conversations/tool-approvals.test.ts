import { describe, expect, it } from 'vitest';
import { ToolApprovals } from './tool-approvals.js';

const request = (callId: string, toolName = 'send_email', abortSignal?: AbortSignal) => ({
  toolName,
  args: { to: 'bob@example.com' },
  callId,
  ...(abortSignal ? { abortSignal } : {}),
});

describe('ToolApprovals', () => {
  it('waits for the answer: allow once, deny, and unknown ids are refused', async () => {
    const approvals = new ToolApprovals();
    const first = approvals.approver(request('c1'));
    const second = approvals.approver(request('c2'));
    expect(approvals.answer('nope', 'allow')).toBe(false);
    expect(approvals.answer('c1', 'allow')).toBe(true);
    expect(approvals.answer('c2', 'deny')).toBe(true);
    expect(await first).toBe('allow');
    expect(await second).toBe('deny');
    expect(approvals.answer('c1', 'allow')).toBe(false);
    // Allowed once: the next call of the same tool asks again.
    const third = approvals.approver(request('c3'));
    expect(approvals.answer('c3', 'deny')).toBe(true);
    expect(await third).toBe('deny');
  });

  it('allows a tool for the rest of the conversation after "always", and only that tool', async () => {
    const approvals = new ToolApprovals();
    const first = approvals.approver(request('c1'));
    approvals.answer('c1', 'always');
    expect(await first).toBe('allow');
    expect(await approvals.approver(request('c2'))).toBe('allow');
    const other = approvals.approver(request('c3', 'delete_files'));
    approvals.denyAll();
    expect(await other).toBe('deny');
  });

  it('denies when the action is interrupted while waiting', async () => {
    const approvals = new ToolApprovals();
    const controller = new AbortController();
    const waiting = approvals.approver(request('c1', 'send_email', controller.signal));
    controller.abort();
    expect(await waiting).toBe('deny');
    expect(approvals.answer('c1', 'allow')).toBe(false);
  });
});
