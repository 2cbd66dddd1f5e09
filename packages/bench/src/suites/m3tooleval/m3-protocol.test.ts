import { parseMarkedReply, postprocessMarkedReply } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { readM3Vectors } from './__fixtures__/read-m3-vectors.js';
import { m3ActionFormat } from './m3-action-format.js';
import { loadM3Data, type M3Format, m3Families } from './m3-data.js';
import { buildM3Prompt } from './m3-prompt.js';

describe('M3ToolEval tasks', () => {
  it('has the 82 tasks of the five families in the original order', async () => {
    const { tasks } = await loadM3Data();
    expect(tasks).toHaveLength(82);
    expect(tasks.map((task) => task.globalIndex)).toEqual([...Array(82).keys()]);
    const counts = m3Families.map((family) => tasks.filter((task) => task.family === family).length);
    expect(counts).toEqual([8, 8, 17, 15, 34]);
    const dna = tasks.filter((task) => task.family === 'dna_sequencer');
    expect(
      dna.every(
        (task) => task.aliases?.[0] === task.id.replace('cryptobotanists_plant_dna_sequencer/', 'dna_sequencer/'),
      ),
    ).toBe(true);
    expect(tasks.find((task) => task.family === 'web_browsing')?.aliases).toEqual([]);
  });
});

describe('buildM3Prompt (prompts.jsonl)', () => {
  const prompts = readM3Vectors<{ id: string; action_mode: string; prompt: string }>('prompts');

  it('reproduces all 246 prompts byte for byte', async () => {
    const data = await loadM3Data();
    expect(prompts).toHaveLength(246);
    const mismatches = prompts.filter(({ id, action_mode, prompt }) => {
      const task = data.tasks.find((candidate) => candidate.id === id)!;
      const format = action_mode.replace('_as_action', '') as M3Format;
      return buildM3Prompt(task, data.toolsets[task.family], format) !== prompt;
    });
    expect(mismatches.map((m) => `${m.id} ${m.action_mode}`)).toEqual([]);
  });

  it('shows the real find_flights signature only in fixed mode', async () => {
    const data = await loadM3Data();
    const task = data.tasks.find((candidate) => candidate.family === 'travel_itinerary_planning')!;
    const tools = data.toolsets[task.family];
    expect(buildM3Prompt(task, tools, 'text')).toContain(
      'Signature: find_flights(destination: str, date: str) -> List[Dict]',
    );
    expect(buildM3Prompt(task, tools, 'text', true)).toContain(
      'Signature: find_flights(from_location: str, to_location: str, date: str) -> List[Dict]',
    );
  });
});

type ParseVector = {
  raw_generation: string;
  after_postprocess: string;
  parsed: { type: 'answer' | 'action' | 'invalid'; content: string };
};

describe('reply parsing (parse_vectors.jsonl)', () => {
  const vectors = readM3Vectors<ParseVector>('parse_vectors');

  it.each(vectors.map((v) => [JSON.stringify(v.raw_generation), v] as const))('%s', (_name, vector) => {
    expect(postprocessMarkedReply(vector.raw_generation)).toBe(vector.after_postprocess);
    const marked = parseMarkedReply(vector.after_postprocess);
    expect(marked.type).toBe(vector.parsed.type);
    expect(marked.type === 'invalid' ? marked.feedback : marked.content).toBe(vector.parsed.content);

    // The benchmark's format stores the post-processed text and maps the content to an action.
    const parsed = m3ActionFormat('code').parse(vector.raw_generation);
    expect(parsed.text).toBe(vector.after_postprocess);
    const content =
      parsed.action.type === 'code'
        ? parsed.action.code
        : parsed.action.type === 'answer'
          ? parsed.action.answer
          : parsed.action.type === 'invalid'
            ? parsed.action.feedback
            : undefined;
    expect(content).toBe(vector.parsed.content);
  });

  it('keeps the exact action text for JSON and text tool calls', () => {
    const json = m3ActionFormat('json');
    const parsed = json.parse('Thought: go\nAction: {"tool": "max", "args": [1.0, 2]} End Action');
    expect(parsed.action).toEqual({ type: 'tool-call', toolName: 'max', args: [1, 2], thought: 'Thought: go' });
    expect(json.contentOf(parsed.action)).toBe('{"tool": "max", "args": [1.0, 2]} ');
    const text = m3ActionFormat('text');
    const call = text.parse('Action: caesar_decode, KMPP, 2 End Action').action;
    expect(call).toEqual({ type: 'tool-call', toolName: 'caesar_decode', args: ['KMPP', 2], thought: '' });
    expect(text.contentOf(call)).toBe('caesar_decode, KMPP, 2 ');
  });
});
