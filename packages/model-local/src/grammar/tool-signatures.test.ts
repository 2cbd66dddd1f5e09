import { defineTool } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { annotationSchema, toolSignatures, toolSignaturesFromPrompt } from './tool-signatures.js';

describe('toolSignatures', () => {
  it('lists parameters required first, with their JSON schemas', () => {
    const tool = defineTool({
      name: 'search',
      description: 'Searches.',
      parameters: z.object({ limit: z.number().int().optional(), query: z.string() }),
      execute: () => [],
    });
    expect(toolSignatures([tool])).toEqual([
      {
        name: 'search',
        parameters: [
          { name: 'query', schema: { type: 'string' }, required: true },
          { name: 'limit', schema: expect.objectContaining({ type: 'integer' }), required: false },
        ],
      },
    ]);
  });
});

describe('toolSignaturesFromPrompt', () => {
  it('reads the signatures of the paper prompt, including *args and tuple returns', () => {
    const prompt = [
      'You have access to the following tools:',
      '[1] caesar_decode: Decodes.',
      '    Signature: caesar_decode(message: str, shift: int) -> str',
      '[2] minimum_value: Minimum.',
      '    Signature: minimum_value(*args) -> int/float',
      '[3] book: Books.',
      '    Signature: book(ids: List[int], note: Optional[str] = None) -> (str, int)',
    ].join('\n');
    expect(toolSignaturesFromPrompt(prompt)).toEqual([
      {
        name: 'caesar_decode',
        parameters: [
          { name: 'message', schema: { type: 'string' }, required: true },
          { name: 'shift', schema: { type: 'integer' }, required: true },
        ],
        variadic: false,
      },
      { name: 'minimum_value', parameters: [], variadic: true },
      {
        name: 'book',
        parameters: [
          { name: 'ids', schema: { type: 'array', items: { type: 'integer' } }, required: true },
          { name: 'note', schema: { anyOf: [{ type: 'string' }, { type: 'null' }] }, required: false },
        ],
        variadic: false,
      },
    ]);
  });

  it('maps unknown annotations to any JSON value', () => {
    expect(annotationSchema('float | int')).toEqual({ anyOf: [{ type: 'number' }, { type: 'integer' }] });
    expect(annotationSchema('Dict[str, Any]')).toEqual({ type: 'object' });
    expect(annotationSchema('MyClass')).toBeUndefined();
  });
});
