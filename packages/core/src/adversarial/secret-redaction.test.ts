import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { streamAgent } from '../agent/stream-agent.js';
import { ScriptedExecutor } from '../testing/scripted-executor.js';
import { modelAnswer, modelCode, ScriptedModel } from '../testing/scripted-model.js';
import { defineTool } from '../tool/define-tool.js';
import { createToolHost } from '../tool/tool-host.js';

// A credential in a tool error or in printed output must not reach Python, the model, the events or
// the trajectory (and so the database).
const key = 'sk-test-0123456789abcdef';
const configured = 'cli-given-key-987654321';

describe('secret redaction', () => {
  beforeEach(() => {
    process.env.CODEACT_TEST_API_KEY = key;
  });
  afterEach(() => {
    delete process.env.CODEACT_TEST_API_KEY;
  });

  it('removes environment keys from tool errors before they reach Python', async () => {
    const leaky = defineTool({
      name: 'leaky',
      description: 'Fails with its credentials in the message.',
      parameters: z.object({}),
      execute: () => {
        throw new Error(`401 Unauthorized for key ${key} (also ${configured})`);
      },
    });
    const host = createToolHost([leaky], { secrets: [configured] });
    const result = await host.call({ name: 'leaky', args: {}, sessionId: 's' });
    expect(result.error?.message).toBe('401 Unauthorized for key [REDACTED] (also [REDACTED])');
  });

  it('removes configured and environment secrets from observations, events and the trajectory', async () => {
    const model = new ScriptedModel([modelCode('print(secret)'), modelAnswer('done')]);
    const executor = new ScriptedExecutor([
      {
        stdout: `token=${key}\n`,
        error: { name: 'ValueError', message: `bad ${configured}`, traceback: `ValueError: bad ${configured}\n` },
      },
    ]);
    const events: string[] = [];
    const stream = streamAgent({
      model,
      executor,
      prompt: 'leak',
      secrets: [configured],
    });
    for await (const event of stream) events.push(JSON.stringify(event));
    const result = await stream.result;
    const everything = [
      JSON.stringify(result.trajectory),
      ...events,
      ...model.calls.map((call) => JSON.stringify(call.messages)),
    ].join('\n');
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(configured);
    expect(result.trajectory.steps[0]?.observation).toContain('token=[REDACTED]');
    expect(result.trajectory.steps[0]?.execution?.error?.message).toBe('bad [REDACTED]');
  });
});
