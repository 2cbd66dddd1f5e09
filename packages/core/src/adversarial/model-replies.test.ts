import { describe, expect, it } from 'vitest';
import { codeActFormat } from '../action/codeact-format.js';
import { runAgent } from '../agent/run-agent.js';
import { ScriptedExecutor } from '../testing/scripted-executor.js';
import { modelAnswer, modelText, ScriptedModel } from '../testing/scripted-model.js';

// Hostile or runaway model replies: the host must stay responsive and the model must be told what
// happened to the parts of its reply that were not used.
describe('adversarial model replies', () => {
  it('handles a 1 MiB thought streamed in 4-byte chunks and runs the code after it', async () => {
    const reply = `<thought>${'why '.repeat(1 << 18)}</thought>\n<execute>\nprint(42)\n</execute>`;
    const model = new ScriptedModel({ steps: [modelText(reply), modelAnswer('42')], chunkSize: 4 });
    const executor = new ScriptedExecutor([{ stdout: '42\n' }]);
    const result = await runAgent({
      model,
      executor,
      prompt: 'think hard',
      maxReplyChars: 2 << 20,
      actionFormat: codeActFormat({ maxReplyChars: 2 << 20 }),
    });
    expect(executor.executed).toEqual(['print(42)']);
    expect(result.answer).toBe('42');
  });

  it('runs an 800 KB single line of code', async () => {
    const line = `x = ${'1+'.repeat(400_000)}1`;
    const model = new ScriptedModel({
      steps: [modelText(`<execute>${line}</execute>`), modelAnswer('ok')],
      chunkSize: 4,
    });
    const executor = new ScriptedExecutor([{ stdout: '' }]);
    await runAgent({
      model,
      executor,
      prompt: 'sum',
      maxReplyChars: 1 << 20,
      actionFormat: codeActFormat({ maxReplyChars: 1 << 20 }),
    });
    expect(executor.executed).toEqual([line]);
  });

  it('cuts a reply at the size cap, stops reading, and tells the model', async () => {
    const model = new ScriptedModel({
      steps: [modelText(`<execute>\n${'#'.repeat(1 << 20)}`), modelAnswer('done')],
      chunkSize: 4,
    });
    const executor = new ScriptedExecutor([]);
    const result = await runAgent({ model, executor, prompt: 'go', maxReplyChars: 64 * 1024 });
    const step = result.trajectory.steps[0];
    expect(step?.reply.text.length).toBeLessThanOrEqual(64 * 1024 + '</execute>'.length);
    expect(step?.action.type).toBe('invalid');
    expect(step?.observation).toMatch(/^Your reply was longer than 65536 characters; it was cut there/);
    expect(executor.executed).toEqual([]);
  });

  it('runs the first of two <execute> blocks and says the second was not run', async () => {
    const reply = '<execute>print(1)</execute>\n<execute>print(2)</execute>';
    const model = new ScriptedModel({
      steps: [modelText(reply), modelAnswer('1')],
      chunkSize: 1 << 10,
      ignoreStopSequences: true,
    });
    const executor = new ScriptedExecutor([{ stdout: '1\n' }]);
    const result = await runAgent({ model, executor, prompt: 'go' });
    expect(executor.executed).toEqual(['print(1)']);
    expect(result.trajectory.steps[0]?.reply.text).toBe('<execute>print(1)</execute>');
    expect(result.trajectory.steps[0]?.observation).toMatch(
      /Only the first <execute> block of your reply was run\. Another action followed it in your reply and was not run/,
    );
  });
});
