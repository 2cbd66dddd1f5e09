import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { createApprovalPolicy, type ToolApprovalRequest } from './tool-approval.js';
import { createToolHost } from './tool-host.js';

const request = (toolName: string): ToolApprovalRequest => ({ toolName, args: {}, callId: 'c1' });

describe('createApprovalPolicy', () => {
  it('allows names, server tools and server wildcards from the allow list and denies the rest', async () => {
    const approve = createApprovalPolicy({ allow: ['send_email', 'github.create_issue', 'fs.*'] });
    expect(await approve(request('send_email'))).toBe('allow');
    expect(await approve(request('github.create_issue'))).toBe('allow');
    expect(await approve(request('fs.write_file'))).toBe('allow');
    expect(await approve(request('github.delete_repo'))).toBe('deny');
    expect(await approve(request('fsx.write'))).toBe('deny');
    expect(await approve(request('send_emails'))).toBe('deny');
  });

  it('allows everything with yes and asks about what the list does not cover', async () => {
    expect(await createApprovalPolicy({ yes: true })(request('anything'))).toBe('allow');
    const asked: string[] = [];
    const approve = createApprovalPolicy({
      allow: ['a'],
      ask: async ({ toolName }) => {
        asked.push(toolName);
        return toolName === 'b' ? 'allow' : 'deny';
      },
    });
    expect([await approve(request('a')), await approve(request('b')), await approve(request('c'))]).toEqual([
      'allow',
      'allow',
      'deny',
    ]);
    expect(asked).toEqual(['b', 'c']);
  });
});

describe('ToolHost approval', () => {
  const sent: string[] = [];
  const sendEmail = defineTool({
    name: 'send_email',
    description: 'Sends an email.',
    parameters: z.object({ to: z.string() }),
    needsApproval: true,
    execute: ({ to }) => {
      sent.push(to);
      return 'sent';
    },
  });
  const transfer = defineTool({
    name: 'transfer',
    description: 'Moves money.',
    parameters: z.object({ amount: z.number() }),
    needsApproval: ({ amount }) => amount > 100,
    execute: ({ amount }) => amount,
  });
  const host = createToolHost([sendEmail, transfer]);

  it('denies a call that needs approval when nobody can approve it, without running it', async () => {
    const result = await host.call({ name: 'send_email', args: { to: 'attacker@evil' }, sessionId: 's' });
    expect(result.ok).toBe(false);
    expect(result.error?.type).toBe('PermissionError');
    expect(sent).toEqual([]);
  });

  it('runs the call once the approver allows it and passes it the validated arguments', async () => {
    const requests: ToolApprovalRequest[] = [];
    const scope = {
      runId: 'r1',
      approveToolCall: async (approval: ToolApprovalRequest) => {
        requests.push(approval);
        return 'allow' as const;
      },
    };
    const result = await host.call({ name: 'send_email', args: { to: 'bob@example.com' }, sessionId: 's', scope });
    expect(result).toEqual({ ok: true, value: 'sent' });
    expect(sent).toEqual(['bob@example.com']);
    expect(requests).toMatchObject([{ toolName: 'send_email', args: { to: 'bob@example.com' }, runId: 'r1' }]);
    expect(requests[0]?.callId).toMatch(/\w/);
  });

  it('denies when the approver says so or throws', async () => {
    const deny = { approveToolCall: async () => 'deny' as const };
    const fails = {
      approveToolCall: async (): Promise<'allow'> => {
        throw new Error('terminal closed');
      },
    };
    for (const scope of [deny, fails]) {
      const result = await host.call({ name: 'send_email', args: { to: 'x' }, sessionId: 's', scope });
      expect(result.error?.type).toBe('PermissionError');
    }
  });

  it('asks per call when needsApproval is a function of the arguments', async () => {
    expect(await host.call({ name: 'transfer', args: { amount: 5 }, sessionId: 's' })).toEqual({ ok: true, value: 5 });
    const large = await host.call({ name: 'transfer', args: { amount: 500 }, sessionId: 's' });
    expect(large.error?.type).toBe('PermissionError');
  });
});

describe('ToolHost call budgets', () => {
  const ping = defineTool({ name: 'ping', description: 'Pong.', parameters: z.object({}), execute: () => 'pong' });

  it('counts calls per action scope and per run, then fails them with ToolError without running', async () => {
    const host = createToolHost([ping], { maxCallsPerAction: 3, maxCallsPerRun: 5 });
    const run = {};
    const call = (scope: object) => host.call({ name: 'ping', args: {}, sessionId: 's', scope });
    const first = { run };
    const outcomes = [];
    for (let index = 0; index < 4; index++) outcomes.push((await call(first)).ok);
    expect(outcomes).toEqual([true, true, true, false]);
    // A call refused by the action's budget does not count against the run's.
    const second = { run };
    expect([(await call(second)).ok, (await call(second)).ok]).toEqual([true, true]);
    const overRun = await call(second);
    expect(overRun).toEqual({
      ok: false,
      error: { type: 'ToolError', message: 'This run made more than 5 tool calls; no more are allowed.' },
    });
    expect((await call({ run: {} })).ok).toBe(true);
  });

  it('takes the budget from the scope when it gives one', async () => {
    const host = createToolHost([ping]);
    const scope = { budget: { perAction: 1 } };
    expect((await host.call({ name: 'ping', args: {}, sessionId: 's', scope })).ok).toBe(true);
    expect((await host.call({ name: 'ping', args: {}, sessionId: 's', scope })).error?.message).toBe(
      'This action made more than 1 tool calls; no more are allowed in it.',
    );
  });
});
