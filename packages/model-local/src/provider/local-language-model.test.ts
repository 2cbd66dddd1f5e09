import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { ConfigurationError, codeActFormat, defineTool, generateText, jsonActionFormat } from '@codeact/core';
import { generateText as aiGenerateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testModelSettings, useTinyModels } from './__fixtures__/tiny-models.js';
import { createLocalModel } from './create-local-model.js';
import { createLocalLanguageModel } from './local-language-model.js';

const models = useTinyModels();
const question = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'What is 6 * 7?' },
];
const prompt: LanguageModelV3CallOptions['prompt'] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'What is 6 * 7?' }] },
];

async function collect(stream: ReadableStream<LanguageModelV3StreamPart>): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('createLocalLanguageModel', () => {
  it('loads a GGUF file and takes its chat template from the file', async () => {
    const model = createLocalLanguageModel({ ...testModelSettings, model: models.scripted });
    expect(await model.load()).toMatchObject({
      modelPath: models.scripted,
      chatTemplate: 'ChatML',
      contextSize: 2048,
      threads: 1,
    });
    expect([model.specificationVersion, model.provider, model.modelId]).toEqual(['v3', 'local', models.scripted]);
  });

  it('uses a named chat template for a file without one', async () => {
    const fromFile = createLocalLanguageModel({ ...testModelSettings, model: models.noTemplate });
    const named = createLocalLanguageModel({ ...testModelSettings, model: models.noTemplate, chatTemplate: 'chatML' });
    expect((await fromFile.load()).chatTemplate).not.toBe('ChatML');
    expect((await named.load()).chatTemplate).toBe('ChatML');
    const unknown = createLocalLanguageModel({ ...testModelSettings, model: models.random, chatTemplate: 'vicuna' });
    await expect(unknown.load()).rejects.toThrow(/^Unknown chat template "vicuna"\. Use auto .* one of: general, /);
  });

  it('renders the prompt with the ChatML template (the scripted model answers exactly)', async () => {
    const model = createLocalModel({ ...testModelSettings, model: models.scripted, grammar: 'none' });
    expect(await generateText(model, { messages: question })).toEqual({
      text: '<execute>print(6 * 7)</execute>',
      finishReason: 'stop',
      usage: { inputTokens: 51, outputTokens: 4 },
    });
  });

  it('streams text deltas then one finish part with usage', async () => {
    const model = createLocalLanguageModel({ ...testModelSettings, model: models.random, grammar: 'none' });
    const { stream } = await model.doStream({ prompt, maxOutputTokens: 12 });
    const parts = await collect(stream);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      ...Array(12).fill('text-delta'),
      'text-end',
      'finish',
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'length', raw: 'maxTokens' },
      usage: {
        inputTokens: { total: 51, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 12, text: 12, reasoning: undefined },
      },
    });
  });

  it('stops at a stop sequence and leaves it out of the text', async () => {
    const model = createLocalModel({ ...testModelSettings, model: models.scripted, grammar: 'none' });
    const reply = await generateText(model, { messages: question, stopSequences: ['(6 * 7)'] });
    expect(reply).toMatchObject({ text: '<execute>print', finishReason: 'stop' });
  });

  it('is deterministic for a temperature and seed', async () => {
    const model = createLocalModel({ ...testModelSettings, model: models.random, grammar: 'none', seed: 3 });
    const first = await generateText(model, { messages: question, temperature: 1, maxOutputTokens: 24 });
    const again = await generateText(model, { messages: question, temperature: 1, maxOutputTokens: 24 });
    expect(again.text).toBe(first.text);
    expect(first.text).toMatch(/^[\t\n\x20-\x7e]{24,}$/);
  });

  it('rejects with the abort reason when aborted mid-reply', async () => {
    const model = createLocalModel({ ...testModelSettings, model: models.random, grammar: 'none' });
    const controller = new AbortController();
    const reason = new Error('stop now');
    const deltas: string[] = [];
    const consume = async () => {
      for await (const part of model.doStream({
        messages: question,
        maxOutputTokens: 100_000,
        abortSignal: controller.signal,
      })) {
        if (part.type === 'text-delta') deltas.push(part.text);
        if (deltas.length === 3) controller.abort(reason);
      }
    };
    await expect(consume()).rejects.toBe(reason);
    expect(deltas.length).toBeGreaterThanOrEqual(3);
  });

  it('works as an AI SDK provider in generateText', async () => {
    const model = createLocalLanguageModel({ ...testModelSettings, model: models.scripted, grammar: 'none' });
    const result = await aiGenerateText({ model, prompt: 'What is 6 * 7?', maxRetries: 0 });
    expect(result.text).toBe('<execute>print(6 * 7)</execute>');
    expect(result.usage).toMatchObject({ outputTokens: 4 });
  });

  it('decodes JSON matching a response format schema', async () => {
    const model = createLocalLanguageModel({ ...testModelSettings, model: models.random, temperature: 1, seed: 1 });
    const schema = { type: 'object', properties: { answer: { type: 'boolean' } }, required: ['answer'] } as const;
    const result = await model.doGenerate({ prompt, responseFormat: { type: 'json', schema }, maxOutputTokens: 64 });
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expect(JSON.parse(text)).toEqual({ answer: expect.any(Boolean) });
  });

  it('explains a file that is not a GGUF model', async () => {
    const path = join(models.dir, 'not-a-model.gguf');
    await writeFile(path, 'hello');
    const model = createLocalModel({ ...testModelSettings, model: path });
    const failure = await generateText(model, { messages: question }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toMatch(new RegExp(`^Cannot load ${path} as a GGUF model: `));
  });
});

describe('grammar-constrained decoding', () => {
  const format = codeActFormat();
  const system = format.instructions([]);
  const messages = [
    { role: 'system' as const, content: system },
    { role: 'user' as const, content: 'What is 6 * 7?' },
  ];

  async function replies(grammar: 'auto' | 'none', seeds: readonly number[], maxOutputTokens: number) {
    const results = [];
    for (const seed of seeds) {
      const model = createLocalModel({ ...testModelSettings, model: models.random, grammar, seed });
      const reply = await generateText(model, {
        messages,
        temperature: 1,
        maxOutputTokens,
        stopSequences: format.stopSequences,
      });
      results.push({ ...reply, action: format.parse(reply.text, { finishReason: reply.finishReason }).action });
    }
    return results;
  }

  it('makes every reply of the random model one CodeAct action (without it, some are not)', async () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const constrained = await replies('auto', seeds, 160);
    expect(constrained.map((reply) => reply.action.type).every((type) => type === 'code' || type === 'answer')).toBe(
      true,
    );
    expect(new Set(constrained.map((reply) => reply.action.type))).toEqual(new Set(['code', 'answer']));
    const free = await replies('none', seeds, 160);
    expect(
      free.filter((reply) => reply.action.type !== 'code' && reply.action.type !== 'answer').length,
    ).toBeGreaterThan(2);
  });

  it('closes the action itself when the token budget runs out', async () => {
    // Greedy decoding of the random model cycles in its thought forever.
    const model = createLocalLanguageModel({ ...testModelSettings, model: models.random });
    const codePrompt: LanguageModelV3CallOptions['prompt'] = [
      { role: 'system', content: system },
      { role: 'user', content: [{ type: 'text', text: 'What is 6 * 7?' }] },
    ];
    for (const maxOutputTokens of [40, 12, 3]) {
      const result = await model.doGenerate({
        prompt: codePrompt,
        maxOutputTokens,
        stopSequences: format.stopSequences,
      });
      const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
      expect(format.parse(text, { finishReason: result.finishReason.unified }).action.type).toMatch(/^(code|answer)$/);
      expect(result.finishReason.unified).toBe('stop');
      expect(result.usage.outputTokens.total).toBeLessThanOrEqual(maxOutputTokens);
      if (maxOutputTokens < 40) expect(result.finishReason.raw).toBe('grammar-completion');
    }
  });

  it('makes every reply a known tool call or an answer under the JSON format', async () => {
    const tools = [
      defineTool({
        name: 'lookup',
        description: 'Looks a word up.',
        parameters: z.object({ word: z.string(), limit: z.number().int() }),
        execute: () => '',
      }),
    ];
    const json = jsonActionFormat();
    const jsonMessages = [
      { role: 'system' as const, content: json.instructions(tools) },
      { role: 'user' as const, content: 'Look up "cat".' },
    ];
    const types = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const model = createLocalModel({ ...testModelSettings, model: models.random, seed, tools });
      const reply = await generateText(model, { messages: jsonMessages, temperature: 1, maxOutputTokens: 120 });
      const { action } = json.parse(reply.text);
      types.add(action.type);
      if (action.type === 'tool-call') {
        expect(action).toMatchObject({ toolName: 'lookup', args: [expect.any(String), expect.any(Number)] });
        expect(Number.isInteger(action.args[1])).toBe(true);
      } else expect(action.type).toBe('answer');
    }
    expect(types.has('tool-call')).toBe(true);
  });
});
