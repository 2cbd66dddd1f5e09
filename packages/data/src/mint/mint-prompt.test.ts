import { join } from 'node:path';
import { describeTools, type Execution } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { readGzippedLines, recordedMintRunDir } from '../__fixtures__/mint/recorded-mint-files.js';
import { wikipediaSearchTool } from '../tools/wikipedia-search-tool.js';
import { mintExecutionOutput, mintObservation, renderMintPrompt } from './mint-prompt.js';

const records = (file: string) =>
  readGzippedLines(join(recordedMintRunDir, file)).map(
    (line) => JSON.parse(line) as { state: { history: { content: string }[] }; task: { prompt: string } },
  );

describe('renderMintPrompt', () => {
  it.each(['hotpotqa', 'gsm8k', 'math', 'mmlu'])(
    'renders the recorded first prompt of every %s task byte for byte',
    (source) => {
      const toolDescription = describeTools([wikipediaSearchTool()]);
      for (const record of records(`${source}.results.jsonl.gz`)) {
        const prompt = renderMintPrompt({
          task: record.task.prompt,
          toolDescription,
          example: 'reasoning',
          maxTurns: 5,
          maxProposals: 2,
        });
        expect(prompt).toBe(record.state.history[0]?.content);
      }
    },
  );

  it('renders tool-less families with the empty tool block', () => {
    const prompt = renderMintPrompt({
      task: 'Add.',
      toolDescription: '',
      example: 'tabular',
      maxTurns: 5,
      maxProposals: 2,
    });
    expect(prompt).toContain('You can only propose a solution 2 times.\n\n\n\n---\n\nTask:\n');
    expect(prompt.endsWith('\n\n---\n\nTask:\nAdd.\n')).toBe(true);
  });
});

describe('MINT observations', () => {
  it('formats the count-down, the last-step line and the wrong-answer notice', () => {
    expect(mintObservation('42', { maxTurns: 5, turnsUsed: 1, maxProposals: 2, proposals: 0 })).toBe(
      'Observation:\n42\nYou have 4 steps left and 2 chances to propose solution left.\n',
    );
    expect(mintObservation('', { maxTurns: 5, turnsUsed: 4, maxProposals: 2, proposals: 1 })).toBe(
      'Observation:\nYour answer is wrong.\nYou have 1 steps left and 1 chances to propose solution left.\nYou should take the last step to propose a solution.\n',
    );
  });

  it('strips, marks empty output and cuts at 2,000 characters', () => {
    const execution: Partial<Execution> = { stdout: '  \n', stderr: '' };
    expect(mintExecutionOutput([execution.stdout, execution.stderr])).toBe('[Executed Successfully with No Output]');
    expect(mintExecutionOutput(['x'.repeat(2500)])).toBe(`${'x'.repeat(2000)}...\n[Output Truncated]`);
    expect(mintExecutionOutput(['a\n', undefined, 'Out[3]: 7'])).toBe('a\nOut[3]: 7');
  });
});
