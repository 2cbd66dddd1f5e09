import { defineTool, jsonActionFormat, textActionFormat } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { grammarDfa, sampleReplies } from './__fixtures__/sample-replies.js';
import { compileActionGrammar } from './action-grammar.js';
import { jsonActionGrammar, markedActionGrammar } from './marked-action-grammar.js';
import { toolSignatures } from './tool-signatures.js';

const tools = [
  defineTool({
    name: 'add',
    description: 'Adds two numbers.',
    parameters: z.object({ a: z.number().int(), b: z.number().optional() }),
    execute: ({ a, b }) => a + (b ?? 0),
  }),
  defineTool({
    name: 'tag',
    description: 'Tags a text.',
    parameters: z.object({ text: z.string(), labels: z.array(z.enum(['x', 'y'])) }),
    execute: ({ text }) => text,
  }),
];

describe('jsonActionGrammar', () => {
  const grammar = compileActionGrammar(jsonActionGrammar({ tools: toolSignatures(tools) }));

  it.each([
    'Thought: add them. Action: {"tool": "add", "args": [1, 2.5]} End Action',
    'Action: {"tool": "add", "args": [-3]} End Action',
    'Action:\n{"tool":"tag","args":["a \\"quoted\\" text", ["x", "y"]]}\nEnd Action',
    'Answer: 42',
  ])('accepts %j', (reply) => {
    expect(grammar.accepts(reply)).toBe(true);
  });

  it.each([
    ['an unknown tool', 'Action: {"tool": "sub", "args": [1]} End Action'],
    ['a string for an integer', 'Action: {"tool": "add", "args": ["1"]} End Action'],
    ['a missing required argument', 'Action: {"tool": "tag", "args": ["a"]} End Action'],
    ['a value outside the enum', 'Action: {"tool": "tag", "args": ["a", ["z"]]} End Action'],
    ['a marker inside a string', 'Action: {"tool": "tag", "args": ["Answer: 1", []]} End Action'],
    ['both markers', 'Action: {"tool": "add", "args": [1]} End Action Answer: 1'],
    ['an empty answer', 'Answer:  '],
  ])('rejects %s', (_, reply) => {
    expect(grammar.accepts(reply)).toBe(false);
  });

  it('produces only replies that jsonActionFormat reads as a known tool call or an answer', () => {
    const format = jsonActionFormat();
    const names = new Set(tools.map((tool) => tool.name));
    const replies = sampleReplies(grammarDfa(jsonActionGrammar({ tools: toolSignatures(tools) })), 300, {
      seed: 5,
      maxChars: 120,
    });
    const kinds = new Set<string>();
    for (const reply of replies) {
      const { action } = format.parse(reply);
      kinds.add(action.type);
      if (action.type === 'tool-call') {
        expect(names.has(action.toolName)).toBe(true);
        if (action.toolName === 'add') expect(Number.isInteger(action.args[0])).toBe(true);
        if (action.toolName === 'tag') expect(action.args).toEqual([expect.any(String), expect.any(Array)]);
      } else expect(action.type).toBe('answer');
    }
    expect(kinds).toEqual(new Set(['tool-call', 'answer']));
  });

  it('accepts any tool name and JSON arguments without tools', () => {
    const generic = compileActionGrammar(jsonActionGrammar());
    expect(generic.accepts('Action: {"tool": "anything", "args": [{"k": [1, null]}, true]} End Action')).toBe(true);
    expect(generic.accepts('Action: {"tool": 3, "args": []} End Action')).toBe(false);
    const format = jsonActionFormat();
    for (const reply of sampleReplies(grammarDfa(jsonActionGrammar()), 150, { seed: 9, maxChars: 100 })) {
      expect(format.parse(reply).action.type).toMatch(/^(tool-call|answer)$/);
    }
  });

  it('is built once per tool set', () => {
    expect(jsonActionGrammar({ tools: toolSignatures(tools) })).toBe(
      jsonActionGrammar({ tools: toolSignatures(tools) }),
    );
  });
});

describe('markedActionGrammar', () => {
  it('produces replies with exactly one Action or Answer', () => {
    const format = textActionFormat();
    const replies = sampleReplies(grammarDfa(markedActionGrammar()), 200, { seed: 3, maxChars: 80 });
    for (const reply of replies) expect(format.parse(reply).action.type).toMatch(/^(tool-call|answer)$/);
    const grammar = compileActionGrammar(markedActionGrammar());
    expect(grammar.accepts('Thought: look it up. Action: find_flights, NYC, 2023-12-01 End Action')).toBe(true);
    expect(grammar.accepts('Action: x End Action Action: y End Action')).toBe(false);
  });
});
