import {
  coerceTextArgument,
  defineTool,
  jsonActionFormat,
  runAgent,
  textActionFormat,
  toolCallHandler,
} from '@codeact/core';
import { modelText, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// The generic JSON and text action formats of core, exercised outside the benchmark.
const add = defineTool({
  name: 'add',
  description: 'Adds two numbers.',
  parameters: z.object({ a: z.number(), b: z.number() }),
  returns: 'float',
  execute: ({ a, b }) => a + b,
});
const shout = defineTool({
  name: 'shout',
  description: 'Upper-cases text.',
  parameters: z.object({ text: z.string() }),
  returns: 'str',
  execute: ({ text }) => text.toUpperCase(),
});
const tools = [add, shout];

describe('jsonActionFormat', () => {
  it('runs tool calls until an answer', async () => {
    const model = new ScriptedModel([
      modelText('Thought: add them.\nAction: {"tool": "add", "args": [2, 40]} End Action\nObservation: 42'),
      modelText('Action: {"tool": "shout", "args": "hi"} End Action'),
      modelText('Action: {"tool": "nope", "args": []} End Action'),
      modelText("Action: {'tool': 'add'} End Action"),
      modelText('Answer: 42'),
    ]);
    const result = await runAgent({
      model,
      executor: new ScriptedExecutor([]),
      tools,
      actionFormat: jsonActionFormat(),
      handleToolCall: toolCallHandler(tools),
      prompt: 'What is 2 + 40?',
    });
    expect(result.answer).toBe('42');
    expect(result.trajectory.steps.map((step) => step.observation)).toEqual([
      '42',
      'HI',
      'Could not find tool with name nope',
      // The error text is the JavaScript engine's.
      expect.stringMatching(
        /^Invalid action\. You should output a JSON object with the following fields: 'tool' \(the name of the tool\), 'args' \(a list of arguments to the tool\)\. Error: ./,
      ),
      undefined,
    ]);
    expect(result.trajectory.steps[0]?.reply.text).toBe(
      'Thought: add them.\nAction: {"tool": "add", "args": [2, 40]} End Action\nObservation: 42',
    );
  });

  it('lists the tools and the paper format in its instructions', () => {
    const instructions = jsonActionFormat().instructions(tools);
    expect(
      instructions.startsWith(
        'You have access to the following tools:\n[1] add: Adds two numbers.\n    Signature: add(a: float, b: float) -> float\n',
      ),
    ).toBe(true);
    expect(instructions).toContain(`Example: 'Action: {"tool": "tool_name", "args": ["argument_1"]} End Action'`);
  });
});

describe('textActionFormat', () => {
  it('splits arguments on commas and coerces numbers', async () => {
    const model = new ScriptedModel([
      modelText('Action: add, 1_000, 2.5 End Action'),
      modelText('Action: add, 1, 2, 3 End Action'),
      modelText('Action: shout, a b End Action'),
      modelText('Answer:  A B '),
    ]);
    const result = await runAgent({
      model,
      executor: new ScriptedExecutor([]),
      tools,
      actionFormat: textActionFormat(),
      handleToolCall: toolCallHandler(tools),
      prompt: 'go',
    });
    expect(result.trajectory.steps.map((step) => step.observation)).toEqual([
      '1002.5',
      'Failed to execute tool add: it takes 2 arguments, got 3.',
      'A B',
      undefined,
    ]);
    expect(result.answer).toBe('A B');
  });

  it('coerces like int() then float()', () => {
    expect(
      ['7', '-3', '+5', '1_000', '2.5', '1e3', '.5', '5.', 'inf', 'abc', "'1'", '1,2', '0x10'].map(coerceTextArgument),
    ).toEqual([7, -3, 5, 1000, 2.5, 1000, 0.5, 5, Number.POSITIVE_INFINITY, 'abc', "'1'", '1,2', '0x10']);
  });
});
