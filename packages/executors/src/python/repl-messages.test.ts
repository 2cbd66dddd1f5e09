import { describe, expect, it } from 'vitest';
import { parseReplMessage } from './repl-messages.js';

describe('parseReplMessage', () => {
  it('accepts the message types', () => {
    expect(parseReplMessage('{"type":"output","id":2,"stream":"stderr","text":"w"}')).toEqual({
      type: 'output',
      id: 2,
      stream: 'stderr',
      text: 'w',
    });
    expect(parseReplMessage('{"type":"ready","python":"3.11.2","pid":2}')?.type).toBe('ready');
    expect(parseReplMessage('{"type":"tool-call","id":1,"name":"add","args":{"a":1}}')?.type).toBe('tool-call');
    const result = parseReplMessage(
      '{"type":"result","id":3,"stdout":"","stderr":"","error":{"name":"E","message":"m","traceback":"E: m"},"artifacts":[{"type":"image","mimeType":"image/png","data":"AA==","name":"f.png"}]}',
    );
    expect(result?.type).toBe('result');
  });

  it('ignores anything malformed, since user code can write to the pipe', () => {
    for (const line of [
      'not json',
      'null',
      '[1]',
      '{"type":"result","id":"1","stdout":"","stderr":""}',
      '{"type":"result","id":1,"stdout":5,"stderr":""}',
      '{"type":"result","id":1,"stdout":"","stderr":"","error":{"name":"E"}}',
      '{"type":"result","id":1,"stdout":"","stderr":"","artifacts":[{"type":"image","mimeType":"text/html","data":"","name":""}]}',
      '{"type":"tool-call","id":1}',
      '{"type":"output","id":1,"stream":"stdin","text":"x"}',
      '{"type":"output","id":1,"stream":"stdout"}',
      '{"type":"shutdown"}',
    ]) {
      expect(parseReplMessage(line)).toBeUndefined();
    }
  });
});
