import { describe, expect, it } from 'vitest';
import { mintActionFormat, parseMintReply } from './parse-mint-reply.js';

describe('parseMintReply', () => {
  it('makes any reply containing <solution> a proposal, even with code in it', () => {
    expect(parseMintReply('<execute>print(1)</execute> so <solution> 42 </solution>')).toEqual({
      kind: 'answer',
      answer: '42',
      thought: '',
    });
  });

  it('joins every <execute> block, stripped, into one cell', () => {
    const reply = '<thought> two steps </thought>\n<execute>\na = 1\n</execute>\ntext\n<execute> print(a) </execute>';
    expect(parseMintReply(reply)).toEqual({ kind: 'code', code: 'a = 1\nprint(a)', thought: 'two steps' });
  });

  it('treats a reply without tags, or with only empty blocks, as an invalid code action', () => {
    expect(parseMintReply('I think the answer is 4.').kind).toBe('invalid-code');
    expect(parseMintReply('<execute>   </execute>').kind).toBe('invalid-code');
    expect(parseMintReply('```python\nprint(1)\n```').kind).toBe('invalid-code');
    expect(parseMintReply('').kind).toBe('invalid-code');
  });

  it('treats an unclosed <solution> as a proposal that cannot be read', () => {
    expect(parseMintReply('The answer is <solution> 42').kind).toBe('invalid-answer');
    expect(parseMintReply('<solution></solution>').kind).toBe('invalid-answer');
  });

  it('joins several solutions with newlines', () => {
    expect(parseMintReply('<solution>a</solution> and <solution> b </solution>')).toMatchObject({ answer: 'a\nb' });
  });

  it('runs code whose block spans lines and keeps inner indentation', () => {
    const reply = '<execute>\nfor i in range(2):\n    print(i)\n</execute>';
    expect(parseMintReply(reply)).toMatchObject({ code: 'for i in range(2):\n    print(i)' });
  });
});

describe('mintActionFormat', () => {
  it('maps MINT replies onto core actions and keeps the reply whole', () => {
    const format = mintActionFormat();
    expect(format.stopSequences).toEqual(['\nObservation:', '\nExpert feedback:', '\nTask:', '\n---', '\nHuman:']);
    const parsed = format.parse('<execute>x = 1</execute> then <execute>print(x)</execute>');
    expect(parsed.text).toBe('<execute>x = 1</execute> then <execute>print(x)</execute>');
    expect(parsed.action).toEqual({ type: 'code', code: 'x = 1\nprint(x)', thought: '' });
    expect(format.parse('<solution> 7').action).toMatchObject({
      type: 'invalid',
      reason: 'no closed <solution> block',
    });
  });
});
