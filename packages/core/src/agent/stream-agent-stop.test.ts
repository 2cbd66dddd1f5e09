import { describe, expect, it } from 'vitest';
import type { ExecutorSession } from '../executor/executor.js';
import type { LanguageModel } from '../model/language-model.js';
import { ScriptedExecutor } from '../testing/scripted-executor.js';
import { modelCode, ScriptedModel } from '../testing/scripted-model.js';
import type { AgentEvent } from './agent-event.js';
import { streamAgent } from './stream-agent.js';

async function collect(run: ReturnType<typeof streamAgent>): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of run) events.push(event);
  return events;
}

/** A model that streams `deltas`, then is stopped by `controller` before it finishes its reply. */
function stoppedMidReply(controller: AbortController, deltas: readonly string[]): LanguageModel {
  return {
    specificationVersion: 'v1',
    provider: 'test',
    modelId: 'slow',
    async *doStream(options) {
      for (const text of deltas) yield { type: 'text-delta', text };
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 0));
      options.abortSignal?.throwIfAborted();
    },
  };
}

/** Runs until the stop and returns the result. */
async function runStopped(model: LanguageModel, controller: AbortController) {
  const run = streamAgent({ model, executor: new ScriptedExecutor([]), prompt: 'Go.', abortSignal: controller.signal });
  await collect(run);
  return run.result;
}

describe('a stopped run', () => {
  it('keeps the step that was running: its thought, code, partial output and usage', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel([modelCode('for i in range(10**9): print(i)', 'Count for a long time.')]);
    const executor = new ScriptedExecutor(() => {
      controller.abort();
      return {
        stdout: '0\n1\n2\n',
        error: { name: 'KeyboardInterrupt', message: '', traceback: 'KeyboardInterrupt\n' },
      };
    });
    const run = streamAgent({ model, executor, prompt: 'Count.', abortSignal: controller.signal });
    const events = await collect(run);
    const result = await run.result;

    expect(result.status).toBe('aborted');
    expect(result.trajectory.steps).toHaveLength(1);
    const [step] = result.trajectory.steps;
    expect(step?.action).toMatchObject({ type: 'code', thought: 'Count for a long time.' });
    expect(step?.execution?.stdout).toBe('0\n1\n2\n');
    expect(step?.observation).toBeUndefined();
    expect(step?.outcome).toBe('aborted');
    expect(result.trajectory.usage.outputTokens).toBeGreaterThan(0);
    expect(result.trajectory.usage).toEqual(step?.reply.usage);
    expect(events.map((event) => event.type).slice(-2)).toEqual(['execution-end', 'run-end']);
  });

  it('keeps the output printed so far when the executor rejects on the stop', async () => {
    const controller = new AbortController();
    const model = new ScriptedModel([modelCode('while True: print("tick")', 'Tick forever.')]);
    const session: ExecutorSession = {
      sessionId: 's1',
      async execute(options) {
        options.onOutput?.({ stream: 'stdout', text: 'tick\n' });
        options.onOutput?.({ stream: 'stderr', text: 'warn\n' });
        controller.abort(new Error('stop'));
        throw options.abortSignal?.reason;
      },
      async close() {},
      async [Symbol.asyncDispose]() {},
    };
    const run = streamAgent({ model, session, prompt: 'Tick.', abortSignal: controller.signal });
    const events = await collect(run);
    const result = await run.result;

    expect(result.status).toBe('aborted');
    const execution = result.trajectory.steps[0]?.execution;
    expect(execution).toMatchObject({ stdout: 'tick\n', stderr: 'warn\n', executionCount: 1 });
    expect(execution?.error?.name).toBe('KeyboardInterrupt');
    expect(events.filter((event) => event.type === 'execution-end')).toHaveLength(1);
  });

  it('keeps what the model had streamed when it was stopped mid-reply', async () => {
    const controller = new AbortController();
    const model = stoppedMidReply(controller, ['<thought>First I will load ', 'the file']);
    const result = await runStopped(model, controller);

    expect(result.status).toBe('aborted');
    expect(result.trajectory.steps).toEqual([
      expect.objectContaining({
        index: 0,
        reply: expect.objectContaining({ text: '<thought>First I will load the file', finishReason: 'aborted' }),
        action: { type: 'message', text: 'First I will load the file' },
        outcome: 'aborted',
      }),
    ]);
  });

  it('shows a half-written action as Markdown, never as a cell that could be re-run', async () => {
    const controller = new AbortController();
    const model = stoppedMidReply(controller, [
      '<thought>Load it.</thought>\n<execute>\nimport pandas as pd\ndf = pd.rea',
    ]);
    const { trajectory } = await runStopped(model, controller);
    expect(trajectory.steps[0]?.action).toEqual({
      type: 'message',
      text: 'Load it.\n\n```python\nimport pandas as pd\ndf = pd.rea\n```',
    });
  });
});
