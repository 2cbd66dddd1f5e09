import { ConfigurationError } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { isMintResultLine, mintHistoryTurns, parseMintResult, unstoreMintReply } from './mint-result.js';

describe('MINT results', () => {
  it('undoes exactly what MINT adds when storing a reply', () => {
    expect(unstoreMintReply('Assistant:\nhello\n')).toBe('hello');
    expect(unstoreMintReply('Assistant: hello\n')).toBe('Assistant: hello');
    expect(mintHistoryTurns([{ role: 'user', content: 'p' }])).toEqual([]);
  });

  it('reads an empty reply where two environment messages follow each other', () => {
    const turns = mintHistoryTurns([
      { role: 'user', content: 'prompt' },
      { role: 'user', content: 'Observation:\nempty' },
      { role: 'assistant', content: 'Assistant:\n<solution> 1 </solution>\n' },
    ]);
    expect(turns).toEqual([
      { reply: '', observation: 'Observation:\nempty' },
      { reply: '<solution> 1 </solution>', observation: undefined },
    ]);
  });

  it('names the line of a record that is not a MINT result', () => {
    expect(isMintResultLine({ state: {}, task: {} })).toBe(true);
    expect(isMintResultLine({ schemaVersion: 1 })).toBe(false);
    expect(() => parseMintResult({ state: { history: 3 }, task: {} }, 'x.jsonl:4')).toThrow(ConfigurationError);
    expect(() => parseMintResult({ state: { history: 3 }, task: {} }, 'x.jsonl:4')).toThrow(
      /^x\.jsonl:4: not a MINT result \(state\.history: /,
    );
  });
});
