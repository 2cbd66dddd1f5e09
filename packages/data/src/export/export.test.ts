import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestTrajectory } from '@codeact/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { fromArray } from '../jsonl/jsonl.js';
import { exportDataset } from './export-dataset.js';
import { formatConversation, parseConversationRecord } from './export-formats.js';
import { mixConversations, parseMixSource } from './mix-conversations.js';
import { cleanAssistantTurn, type TrainingConversation, toTrainingConversation } from './to-training-conversation.js';
import { writeTrainingRecipe } from './training-recipes.js';

const directory = mkdtempSync(join(tmpdir(), 'codeact-export-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const general = join(directory, 'general.jsonl');
writeFileSync(
  general,
  `${Array.from({ length: 30 }, (_, index) =>
    JSON.stringify(
      index % 2 === 0
        ? {
            id: `sharegpt/${index}`,
            conversations: [
              { from: 'human', value: `q${index}` },
              { from: 'gpt', value: `a${index}` },
            ],
          }
        : {
            id: `openorca/${index}`,
            conversations: [
              { role: 'user', content: `q${index}` },
              { role: 'assistant', content: `a${index}` },
            ],
          },
    ),
  ).join('\n')}\n`,
);

describe('toTrainingConversation', () => {
  it('keeps a system prompt, the task and the turns of a non-MINT trajectory', () => {
    const conversation = toTrainingConversation(
      makeTestTrajectory('t', { taskId: 'sample/7', metadata: { source: 'sample' } }),
    );
    expect(conversation.id).toBe('sample/7/scripted');
    expect(conversation.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('cleans assistant turns as the original conversion does', () => {
    expect(cleanAssistantTurn('  Assistant:\n<thought> Think. </thought>\n<execute>x</execute>\n')).toBe(
      'Think.\n<execute>x</execute>',
    );
    expect(cleanAssistantTurn('Assistant：hi Assistant: there')).toBe('hi  there');
  });
});

describe('formats', () => {
  const conversation: TrainingConversation = {
    id: 'a/1/m',
    source: 'a',
    messages: [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'Task:\nT' },
      { role: 'assistant', content: 'A' },
    ],
  };

  it('writes the three formats and reads each back', () => {
    for (const format of ['codeactinstruct', 'openai', 'sharegpt'] as const) {
      const record = formatConversation(conversation, format);
      expect(parseConversationRecord({ id: 'a/1/m', ...record }, 'x')?.messages).toEqual(conversation.messages);
    }
    expect(formatConversation(conversation, 'sharegpt')).toEqual({
      conversations: [
        { from: 'human', value: 'Task:\nT' },
        { from: 'gpt', value: 'A' },
      ],
      system: 'S',
    });
    expect(
      formatConversation(
        { ...conversation, messages: [{ role: 'system', content: '' }, ...conversation.messages.slice(1)] },
        'openai',
      ),
    ).toEqual({
      messages: conversation.messages.slice(1),
    });
    expect(parseConversationRecord({ messages: [{ role: 'tool', content: 'x' }] }, 'x')).toBeUndefined();
  });
});

describe('mixConversations', () => {
  const codeact = Array.from(
    { length: 3 },
    (_, index): TrainingConversation => ({
      id: `codeact/${index}`,
      source: 'codeact',
      messages: [{ role: 'user', content: `${index}` }],
    }),
  );

  it('samples ratio × as many general conversations, seeded, and shuffles', async () => {
    const mixed = await mixConversations({ codeact, sources: [parseMixSource(`${general}:2`)], seed: 5 });
    expect(mixed).toHaveLength(9);
    expect(mixed.filter((conversation) => conversation.source === 'codeact')).toHaveLength(3);
    const again = await mixConversations({ codeact, sources: [parseMixSource(`${general}:2`)], seed: 5 });
    expect(again.map((conversation) => conversation.id)).toEqual(mixed.map((conversation) => conversation.id));
    expect(await mixConversations({ codeact, sources: [parseMixSource(general)] })).toHaveLength(33);
    expect(await mixConversations({ codeact, sources: [parseMixSource(`${general}:100`)] })).toHaveLength(33);
  });

  it('parses FILE[:RATIO]', () => {
    expect(parseMixSource('general.jsonl:10')).toEqual({ path: 'general.jsonl', ratio: 10 });
    expect(parseMixSource('c:/x.jsonl:0.5')).toEqual({ path: 'c:/x.jsonl', ratio: 0.5 });
    expect(parseMixSource('x.jsonl')).toEqual({ path: 'x.jsonl', ratio: 'all' });
  });
});

describe('exportDataset with a recipe', () => {
  it.each([
    ['trl', 'openai', ['trl-sft.yaml', 'chatml.jinja']],
    ['axolotl', 'codeactinstruct', ['axolotl.yaml']],
    ['llama-factory', 'sharegpt', ['dataset_info.json', 'llama-factory.yaml']],
  ] as const)('writes %s config for the %s export', async (recipe, format, files) => {
    const outputPath = join(directory, `${recipe}.jsonl`);
    const result = await exportDataset({
      trajectories: fromArray([makeTestTrajectory('x', { taskId: 's/1', metadata: { source: 's' } })]),
      outputPath,
      recipe,
      mix: [{ path: general, ratio: 2 }],
    });
    expect(result).toEqual({
      format,
      codeact: 1,
      general: 2,
      files: [outputPath, ...files.map((name) => join(directory, name))],
    });
    expect(readFileSync(outputPath, 'utf8').trimEnd().split('\n')).toHaveLength(3);
    const config = readFileSync(join(directory, files.find((name) => name.endsWith('.yaml')) as string), 'utf8');
    if (recipe === 'llama-factory') {
      expect(JSON.parse(readFileSync(join(directory, 'dataset_info.json'), 'utf8')).codeact.file_name).toBe(
        'llama-factory.jsonl',
      );
    }
    expect(config).toContain('mistralai/Mistral-7B-v0.1');
    expect(config).toContain('16384');
  });

  it('refuses a format the recipe cannot read', async () => {
    await expect(
      exportDataset({
        trajectories: fromArray([]),
        outputPath: join(directory, 'x.jsonl'),
        recipe: 'trl',
        format: 'sharegpt',
      }),
    ).rejects.toThrow(/--recipe trl reads the openai format/);
  });

  it('writes the paper’s hyper-parameters for a Llama-2 base', () => {
    const [config] = writeTrainingRecipe({ recipe: 'axolotl', dataFile: 'd.jsonl', baseModel: 'llama-2' });
    for (const line of [
      'base_model: "meta-llama/Llama-2-7b-hf"',
      'sequence_len: 4096',
      'learning_rate: 1.0e-5',
      'warmup_steps: 50',
      'num_epochs: 5',
      'roles_to_train: ["assistant"]',
      'sample_packing: true',
    ]) {
      expect(config?.text).toContain(line);
    }
  });
});
