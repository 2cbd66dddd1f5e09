import type { Execution } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import {
  formatMintExecution,
  observationOfMintMessage,
  renderMintEnvironmentMessage,
  storeMintReply,
} from './format-mint-observation.js';

const execution = (fields: Partial<Execution>): Execution => ({
  stdout: '',
  stderr: '',
  artifacts: [],
  executionCount: 1,
  durationMs: 1,
  ...fields,
});

describe('formatMintExecution', () => {
  it('shows printed output then the trailing value as Out[n], stripped', () => {
    expect(formatMintExecution(execution({ stdout: 'hi\n', result: '3', executionCount: 2 }))).toBe('hi\nOut[2]: 3');
  });

  it('starts a multi-line value on its own line, as IPython does', () => {
    expect(formatMintExecution(execution({ result: '[1,\n 2]' }))).toBe('Out[1]: \n[1,\n 2]');
  });

  it('uses the no-output marker and leaves stderr out', () => {
    expect(formatMintExecution(execution({ stderr: 'warning\n' }))).toBe('[Executed Successfully with No Output]');
  });

  it('appends the traceback after the printed output', () => {
    const error = {
      name: 'NameError',
      message: "name 'x' is not defined",
      traceback: "NameError: name 'x' is not defined\n",
    };
    expect(formatMintExecution(execution({ stdout: 'before\n', error }))).toBe(
      "before\nNameError: name 'x' is not defined",
    );
  });

  it('cuts output longer than 2000 characters and marks it', () => {
    const text = formatMintExecution(execution({ stdout: `${'x'.repeat(2500)}\n` }));
    expect(text).toBe(`${'x'.repeat(2000)}...\n[Output Truncated]`);
  });

  it('counts characters as Python does (code points)', () => {
    const text = formatMintExecution(execution({ stdout: '😀'.repeat(2000) }));
    expect(text).toBe('😀'.repeat(2000));
  });
});

describe('renderMintEnvironmentMessage', () => {
  it('says the answer is wrong when a proposal was checked, with the count-down', () => {
    expect(
      renderMintEnvironmentMessage({
        observation: undefined,
        success: false,
        turnInfo: { stepsLeft: 4, proposalsLeft: 1 },
      }),
    ).toBe('Observation:\nYour answer is wrong.\nYou have 4 steps left and 1 chances to propose solution left.\n');
  });

  it('adds the last-step line when at most one step is left', () => {
    expect(
      renderMintEnvironmentMessage({ observation: '5', success: false, turnInfo: { stepsLeft: 1, proposalsLeft: 2 } }),
    ).toBe(
      'Observation:\n5\nYou have 1 steps left and 2 chances to propose solution left.\nYou should take the last step to propose a solution.\n',
    );
  });

  it('appends expert feedback when given', () => {
    expect(renderMintEnvironmentMessage({ observation: '5', success: false, feedback: 'Good.' })).toBe(
      'Observation:\n5\n\nExpert feedback:\nGood.\n',
    );
  });
});

describe('observationOfMintMessage', () => {
  it('takes the observation back out of an environment message', () => {
    const turnInfo = { stepsLeft: 1, proposalsLeft: 1 };
    for (const observation of ['5', '', 'a\nb', "I don't understand your input. \n"]) {
      const message = renderMintEnvironmentMessage({ observation, success: false, turnInfo });
      expect(observationOfMintMessage(message)).toBe(observation);
    }
    expect(
      observationOfMintMessage(renderMintEnvironmentMessage({ observation: undefined, success: false })),
    ).toBeUndefined();
  });
});

describe('storeMintReply', () => {
  it('prefixes Assistant: unless present and ends with a newline', () => {
    expect(storeMintReply('<solution>1</solution>')).toBe('Assistant:\n<solution>1</solution>\n');
    expect(storeMintReply('  Assistant: hi')).toBe('  Assistant: hi\n');
  });
});
