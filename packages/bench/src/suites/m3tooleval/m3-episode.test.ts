import { type Executor, ModelCallError } from '@codeact/core';
import { modelError, modelText, ScriptedModel } from '@codeact/core/testing';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadM3Data } from './m3-data.js';
import { ipythonCapture } from './m3-runtime.js';
import { m3IncorrectFeedback, runM3Episode } from './run-m3-episode.js';

let executor: Executor;
beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  await executor?.dispose();
});

async function episode(format: 'code' | 'json' | 'text', replies: Parameters<typeof modelText>[0][] | ScriptedModel) {
  const { tasks } = await loadM3Data();
  const task = tasks.find((candidate) => candidate.id === 'message_decoder/hex_caesar_combined_decoding')!;
  const model =
    replies instanceof ScriptedModel ? replies : new ScriptedModel(replies.map((reply) => modelText(reply)));
  const result = await runM3Episode({
    task,
    format,
    model,
    executor: async () => executor,
    suiteOptions: {},
    abortSignal: new AbortController().signal,
  });
  return { result, model };
}

describe('runM3Episode', () => {
  it('sends the prompt as the only message, at temperature 0 with 512 tokens and no stop sequences', async () => {
    const { result, model } = await episode('text', ['Answer: KMPP']);
    expect(result).toMatchObject({ success: true, turns: 1, endReason: 'correct' });
    expect(model.calls).toHaveLength(1);
    expect(model.lastCall).toMatchObject({ temperature: 0, maxOutputTokens: 512, stopSequences: [] });
    expect(model.lastCall?.messages.map((m) => m.role)).toEqual(['user']);
    expect(
      model.lastCall?.messages[0]?.content.startsWith(
        'You have access to the following tools:\n[1] convert_hex_to_ascii',
      ),
    ).toBe(true);
  });

  it('gives ten turns with the protocol feedback, never ending early on invalid replies', async () => {
    const replies = ['Answer: kmpp', 'answer: KMPP', 'Action: foo, 1 End Action', ...Array(7).fill('Thinking...')];
    const { result, model } = await episode('text', replies);
    expect(result).toMatchObject({ success: false, turns: 10, endReason: 'limit' });
    const sent = model.lastCall!.messages;
    expect(sent[2]?.content).toBe(m3IncorrectFeedback);
    expect(sent[4]?.content).toBe("Invalid generation. Your output should contain either 'Action:' or 'Answer:'");
    expect(sent[6]?.content).toBe('Cound not find tool with name foo');
    expect(result.trajectory.messages).toHaveLength(20);
  });

  it('accepts a right answer in the tenth generation', async () => {
    const { result } = await episode('json', [...Array(9).fill('Answer: 0'), 'Answer: KMPP']);
    expect(result).toMatchObject({ success: true, turns: 10, endReason: 'correct' });
  });

  it('runs code actions without stripping fences, as the original', async () => {
    const { result, model } = await episode('code', [
      "Action:\n```python\nprint(caesar_decode(convert_hex_to_ascii('4d4f5252'), 2))\n```\nEnd Action",
      "Action:\nprint(caesar_decode(convert_hex_to_ascii('4d4f5252'), 2))\nEnd Action",
      'Answer: KMPP',
    ]);
    expect(result.success).toBe(true);
    const observations = model.calls.slice(1).map((call) => call.messages.at(-1)?.content ?? '');
    expect(observations[0]?.trimEnd().split('\n').at(-1)).toMatch(/^SyntaxError: invalid syntax/);
    expect(observations[1]).toBe('KMPP\n');
  });

  it('ends the episode unsolved on a context-window error and counts the turns so far', async () => {
    const model = new ScriptedModel([
      modelText('Action: reverse_string, abc End Action'),
      modelError(
        new ModelCallError({ message: "This model's maximum context length is 4097 tokens", statusCode: 400 }),
      ),
    ]);
    const { result } = await episode('text', model);
    expect(result).toMatchObject({ success: false, turns: 1, endReason: 'context_limit' });
  });

  it('does not count other model errors as episodes', async () => {
    const model = new ScriptedModel([modelError(new ModelCallError({ message: 'Unauthorized', statusCode: 401 }))]);
    await expect(episode('text', model)).rejects.toThrow('Unauthorized');
  });
});

describe('ipythonCapture', () => {
  const base = { stderr: 'ignored', artifacts: [], executionCount: 3, durationMs: 1 };
  it('puts printed output, then Out[n], then the traceback, as IPython would capture them', () => {
    expect(ipythonCapture({ ...base, stdout: 'a\n', result: "'x'" })).toBe("a\nOut[3]: 'x'\n");
    expect(ipythonCapture({ ...base, stdout: '', result: '[1,\n 2]' })).toBe('Out[3]: \n[1,\n 2]\n');
    const error = {
      name: 'NameError',
      message: "name 'y' is not defined",
      traceback: "Traceback...\nNameError: name 'y' is not defined",
    };
    expect(ipythonCapture({ ...base, stdout: 'a\n', error })).toBe(
      "a\nTraceback...\nNameError: name 'y' is not defined\n",
    );
    expect(ipythonCapture({ ...base, stdout: 'partial', timedOut: true })).toBe(
      'partial\nTimeoutError: Timed out after 30 seconds.\n',
    );
  });
});
