import { describe, expect, it } from 'vitest';
import { codeActFormat, invalidInputFeedback } from './codeact-format.js';

const format = codeActFormat();
const parse = (reply: string, finishReason?: 'stop' | 'length') => format.parse(reply, { finishReason });

describe('codeActFormat', () => {
  it('reads code in <execute> with the thought before it', () => {
    const parsed = parse('<thought>compute</thought>\n<execute>\nprint(1)\n</execute>');
    expect(parsed.action).toEqual({ type: 'code', code: 'print(1)', thought: 'compute' });
  });

  it('reads an answer in <solution>', () => {
    expect(parse('The answer is <solution> 42 </solution>.').action).toEqual({
      type: 'answer',
      answer: '42',
      thought: 'The answer is',
    });
  });

  it('cuts the reply after the first closing tag, dropping hallucinated observations and later actions', () => {
    const parsed = parse('<execute>x = 1</execute>\nObservation: 1\n<execute>y</execute><solution>2</solution>');
    expect(parsed.text).toBe('<execute>x = 1</execute>');
    expect(parsed.action).toMatchObject({ type: 'code', code: 'x = 1' });
  });

  it('lets the earliest action win when code and answer are both present', () => {
    expect(parse('<solution>7</solution> <execute>print(7)</execute>').action).toMatchObject({ type: 'answer' });
    expect(parse('<execute>print(7)</execute> <solution>7</solution>').action).toMatchObject({ type: 'code' });
  });

  it('closes a tag removed by the stop sequence', () => {
    const parsed = parse('Let me check.\n<execute>\nprint(2 ** 10)\n', 'stop');
    expect(parsed.text).toBe('Let me check.\n<execute>\nprint(2 ** 10)\n</execute>');
    expect(parsed.action).toMatchObject({ type: 'code', code: 'print(2 ** 10)' });
  });

  it('rejects an action cut off at the token limit', () => {
    const parsed = parse('<execute>\nfor i in range(', 'length');
    expect(parsed.action.type).toBe('invalid');
    expect(parsed.action).toMatchObject({ reason: 'unterminated <execute> at the token limit' });
  });

  it('unwraps a fenced block inside <execute>', () => {
    expect(parse('<execute>\n```python\nprint(3)\n```\n</execute>').action).toMatchObject({ code: 'print(3)' });
  });

  it('accepts a fenced python block as code when there are no tags', () => {
    const parsed = parse('I will compute it.\n```python\nprint(4)\n```\nObservation: 4');
    expect(parsed.action).toEqual({ type: 'code', code: 'print(4)', thought: 'I will compute it.' });
    expect(parsed.text).toBe('I will compute it.\n```python\nprint(4)\n```');
  });

  it('can refuse fenced blocks', () => {
    const strict = codeActFormat({ acceptMarkdownCode: false });
    expect(strict.parse('```python\nprint(4)\n```').action.type).toBe('message');
  });

  it('does not treat other languages as code', () => {
    expect(parse('Run:\n```bash\nls\n```').action.type).toBe('message');
  });

  it('treats plain text as a message', () => {
    expect(parse('Which file should I load?').action).toEqual({ type: 'message', text: 'Which file should I load?' });
  });

  it('rejects empty replies and empty actions with the MINT feedback', () => {
    expect(parse('  \n').action).toEqual({ type: 'invalid', reason: 'empty reply', feedback: invalidInputFeedback });
    expect(parse('<execute>  </execute>').action).toMatchObject({ type: 'invalid', reason: 'empty <execute>' });
    expect(parse('<solution></solution>').action).toMatchObject({ type: 'invalid', reason: 'empty <solution>' });
  });

  it('rejects replies over the size cap', () => {
    const small = codeActFormat({ maxReplyChars: 10 });
    expect(small.parse('<execute>print(12345)</execute>').action).toMatchObject({ type: 'invalid' });
  });

  it('lists the tools in the instructions', () => {
    expect(format.instructions([])).not.toContain('Tool function available');
    expect(codeActFormat({ mode: 'chat' }).instructions([])).toContain('Talk to the user in plain text');
  });
});
