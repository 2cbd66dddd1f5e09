import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, generateText, ScriptExhaustedError } from '@codeact/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScriptedModel } from './load-scripted-model.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'codeact-models-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(lines: readonly object[]): Promise<string> {
  const path = join(dir, 'replies.jsonl');
  await writeFile(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
}

const ask = (taskId?: string) => ({ messages: [{ role: 'user' as const, content: 'go' }], taskId });

describe('loadScriptedModel', () => {
  it('plays the replies back in order, streamed, then runs out', async () => {
    const path = await script([{ reply: '<execute>\nprint(2 + 2)\n</execute>' }, { reply: 'The answer is 4.' }]);
    const model = await loadScriptedModel(path);

    expect([model.provider, model.modelId]).toEqual(['script', path]);
    expect((await generateText(model, ask())).text).toBe('<execute>\nprint(2 + 2)\n</execute>');
    expect((await generateText(model, ask())).text).toBe('The answer is 4.');
    const exhausted = generateText(model, ask());
    await expect(exhausted).rejects.toBeInstanceOf(ScriptExhaustedError);
    await expect(exhausted).rejects.toThrow(`The scripted model ${path} has no reply left (call 3).`);
  });

  it('keeps one queue per task and a default queue for the rest', async () => {
    const path = await script([
      { reply: 'a-1', task: 'task-a' },
      { reply: 'default-1' },
      { reply: 'b-1', task: 'task-b' },
      { reply: 'a-2', task: 'task-a' },
      { reply: 'default-2' },
    ]);
    const model = await loadScriptedModel(path, { modelId: 'episodes' });
    const texts = [];
    for (const taskId of ['task-b', 'task-a', undefined, 'task-a', 'task-unknown']) {
      texts.push((await generateText(model, ask(taskId))).text);
    }
    // A task id the script does not mention is answered from the default queue.
    expect(texts).toEqual(['b-1', 'a-1', 'default-1', 'a-2', 'default-2']);
    expect(model.remaining().size).toBe(0);
  });

  it('says which task ran out', async () => {
    const model = await loadScriptedModel(await script([{ reply: 'only', task: 'task-a' }]), { modelId: 'episodes' });
    await generateText(model, ask('task-a'));
    await expect(generateText(model, ask('task-a'))).rejects.toThrow(
      'The scripted model episodes has no reply left for task task-a (call 2). Add more replies to the script.',
    );
  });

  it('records the calls it answered', async () => {
    const model = await loadScriptedModel(await script([{ reply: 'ok' }]));
    await generateText(model, { ...ask(), temperature: 0 });
    expect(model.calls).toEqual([{ ...ask(), temperature: 0 }]);
    expect(() => model.assertComplete()).not.toThrow();
  });

  it('throws a ConfigurationError for a missing file', async () => {
    const path = join(dir, 'missing.jsonl');
    const loading = loadScriptedModel(path);
    await expect(loading).rejects.toBeInstanceOf(ConfigurationError);
    await expect(loading).rejects.toThrow(`Cannot read model script ${path} (ENOENT). Check the path after "script:".`);
  });

  it('throws the parse error for a bad line', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, '{"reply": "ok"}\n{"reply": null}\n');
    await expect(loadScriptedModel(path)).rejects.toThrow(`Invalid model script ${path}:\n  line 2: "reply"`);
  });
});
