import { describe, expect, it } from 'vitest';
import { parseModelScript } from './parse-model-script.js';

const file = 'replies.jsonl';

describe('parseModelScript', () => {
  it('queues replies without a task in order and groups the rest by task', () => {
    const text = [
      '{"reply": "first"}',
      '{"reply": "a1", "task": "a"}',
      '{"reply": "second"}',
      '{"reply": "b1", "task": "b"}',
      '{"reply": "a2", "task": "a"}',
    ].join('\n');
    const result = parseModelScript(text, { file });

    expect(result.success).toBe(true);
    expect(result.value?.replies).toEqual(['first', 'second']);
    expect([...(result.value?.tasks ?? [])]).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1']],
    ]);
  });

  it('skips blank lines and accepts CRLF and a byte-order mark', () => {
    const result = parseModelScript(
      '\uFEFF{"reply": "one"}\r\n\r\n   \r\n{"reply": "two\\n<execute>\\nprint(1)\\n</execute>"}\r\n',
      {
        file,
      },
    );
    expect(result.value?.replies).toEqual(['one', 'two\n<execute>\nprint(1)\n</execute>']);
  });

  it('names the file and line of invalid JSON', () => {
    const result = parseModelScript('{"reply": "ok"}\n\n{"reply": "unterminated}\n', { file });
    expect(result.success).toBe(false);
    expect(result.error?.code).toBe('CONFIGURATION');
    expect(result.error?.message).toMatch(/^Invalid model script replies\.jsonl:\n {2}line 3: not valid JSON \(/);
  });

  it('reports every line that breaks the schema', () => {
    const text = [
      '{"reply": 42}',
      '{"reply": "fine"}',
      '{"replay": "typo"}',
      '["reply"]',
      '{"reply": "x", "task": ""}',
    ].join('\n');
    const result = parseModelScript(text, { file });

    expect(result.error?.message.split('\n')).toEqual([
      'Invalid model script replies.jsonl:',
      '  line 1: "reply": Invalid input: expected string, received number',
      '  line 3: "reply": Invalid input: expected string, received undefined; Unrecognized key: "replay"',
      '  line 4: Invalid input: expected object, received array',
      '  line 5: "task": Too small: expected string to have >=1 characters',
      'Each line must be a JSON object like {"reply": "...", "task": "optional-task-id"}.',
    ]);
  });

  it('caps the list of bad lines', () => {
    const result = parseModelScript('nope\n'.repeat(14), { file });
    const lines = result.error?.message.split('\n') ?? [];
    expect(lines.filter((line) => line.startsWith('  line '))).toHaveLength(10);
    expect(lines).toContain('  … and 4 more');
  });

  it('rejects a script without replies', () => {
    expect(parseModelScript('\n\n', { file }).error?.message).toBe(
      'Model script replies.jsonl has no replies. Each line must be a JSON object like {"reply": "...", "task": "optional-task-id"}.',
    );
  });
});
