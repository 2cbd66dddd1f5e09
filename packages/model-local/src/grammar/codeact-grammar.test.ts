import { codeActFormat } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { grammarDfa, sampleReplies } from './__fixtures__/sample-replies.js';
import { compileActionGrammar } from './action-grammar.js';
import { codeActGrammar } from './codeact-grammar.js';

const stops = codeActFormat().stopSequences;
const grammar = compileActionGrammar(codeActGrammar(), stops);

describe('codeActGrammar', () => {
  it.each([
    'I will compute it.\n<execute>\nprint(6 * 7)\n</execute>',
    '<thought> Multiply. </thought>\n<solution> 42 </solution>',
    '<execute>if a < b:\n    print(a << 2)</execute>',
    '<execute>x = "日本 ✓"</execute>',
  ])('accepts the reply %j', (reply) => {
    expect(grammar.accepts(reply)).toBe(true);
  });

  it.each([
    ['no action', 'The answer is 42.'],
    ['two actions', '<execute>a</execute><execute>b</execute>'],
    ['an empty action', '<execute>  \n</execute>'],
    ['a fenced block only', '<execute>```python\n```</execute>'],
    ['a closing tag inside code', '<execute>print("</div>")</execute>'],
    ['a stop sequence in the thought', 'Plan\nObservation: 1\n<execute>x</execute>'],
    ['text after the action', '<solution>42</solution> done'],
  ])('rejects %s', (_, reply) => {
    expect(grammar.accepts(reply)).toBe(false);
  });

  it('produces only replies that codeActFormat reads as one code or answer action', () => {
    const format = codeActFormat();
    const replies = sampleReplies(grammarDfa(codeActGrammar(), stops), 400, { seed: 11, maxChars: 80 });
    const actions = replies.map((reply) => format.parse(reply, { finishReason: 'stop' }).action.type);
    expect(new Set(actions)).toEqual(new Set(['code', 'answer']));
    // A stop sequence may only end the reply, so the loop's client-side cut never removes the action.
    for (const reply of replies) {
      const cut = Math.min(...stops.map((stop) => reply.indexOf(stop)).filter((index) => index !== -1));
      expect(cut === Number.POSITIVE_INFINITY || reply.endsWith(reply.slice(cut))).toBe(true);
    }
  });

  it('completes any prefix into a valid action with the shortest text', () => {
    const format = codeActFormat();
    for (const prefix of [
      'I think',
      'Let me <exe',
      '<thought>plan',
      '<execute>\n',
      '<execute>print(1) <',
      '<solution',
    ]) {
      const completion = grammar.completion(prefix) ?? '';
      expect(grammar.accepts(prefix + completion)).toBe(true);
      expect(format.parse(prefix + completion).action.type).toMatch(/^(code|answer)$/);
    }
    expect(grammar.completion('<execute>print(1)')).toBe('</execute>');
    expect(grammar.completion('<execute>print(1)</execute>')).toBe('');
    expect(grammar.completion('<oops>')).toBeUndefined();
  });

  it('continues a cut-off thought straight into an action', () => {
    const continuation = grammar.continuation('I think');
    expect(continuation).toMatch(/^root ::= \[\\x3c\] s\d+$/m);
    expect(grammar.continuation('<execute>x</execute>')).toBeUndefined();
  });

  it('keeps only the stop sequences its structure does not already place', () => {
    expect(grammar.stopSequences).toEqual(['\nObservation:']);
    expect(compileActionGrammar(codeActGrammar(), ['<']).stopSequences).toEqual([]);
  });
});
