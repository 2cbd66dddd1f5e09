import { codeActFormat, jsonActionFormat, textActionFormat } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { codeActGrammar } from './codeact-grammar.js';
import { jsonActionGrammar, markedActionGrammar } from './marked-action-grammar.js';
import { detectActionGrammar, selectActionGrammar } from './select-action-grammar.js';

describe('detectActionGrammar', () => {
  it('reads the format from the instructions each action format writes', () => {
    expect(detectActionGrammar(codeActFormat().instructions([]))).toBe('codeact');
    expect(detectActionGrammar(codeActFormat({ mode: 'chat' }).instructions([]))).toBe('codeact');
    expect(detectActionGrammar(jsonActionFormat().instructions([]))).toBe('json');
    expect(detectActionGrammar(textActionFormat().instructions([]))).toBe('marked');
    expect(detectActionGrammar('You are a helpful assistant.')).toBe('codeact');
  });
});

describe('selectActionGrammar', () => {
  it('returns the named grammar, none, or one built from the prompt signatures', () => {
    expect(selectActionGrammar('codeact', '')).toBe(codeActGrammar());
    expect(selectActionGrammar('marked', '')).toBe(markedActionGrammar());
    expect(selectActionGrammar('none', '<execute>')).toBeUndefined();
    const prompt = `${jsonActionFormat().instructions([])}\n    Signature: add(a: int) -> int`;
    expect(selectActionGrammar('auto', prompt)).toBe(
      jsonActionGrammar({
        tools: [
          { name: 'add', parameters: [{ name: 'a', schema: { type: 'integer' }, required: true }], variadic: false },
        ],
      }),
    );
    expect(() => selectActionGrammar('xml' as 'none', '')).toThrow(
      'Unknown grammar "xml". Use one of: auto, codeact, json, marked, none.',
    );
  });
});
