import { describe, expect, it } from 'vitest';
import { parseCellReply, parseChildMessage, parseToolRequest } from './child-messages.js';

describe('parseChildMessage', () => {
  it('accepts the protocol messages', () => {
    expect(parseChildMessage('{"type":"ready","python":"3.14.2","pyodide":"314.0.7","loadMs":12}')).toEqual({
      type: 'ready',
      python: '3.14.2',
      pyodide: '314.0.7',
      loadMs: 12,
    });
    expect(parseChildMessage('{"type":"result","id":3,"reply":"{}"}')).toEqual({ type: 'result', id: 3, reply: '{}' });
    expect(parseChildMessage('{"type":"stuck"}')).toEqual({ type: 'stuck' });
    expect(parseChildMessage('{"type":"output","id":4,"stream":"stdout","text":"hi"}')).toEqual({
      type: 'output',
      id: 4,
      stream: 'stdout',
      text: 'hi',
    });
    expect(parseChildMessage('{"type":"crashed"}')).toEqual({ type: 'crashed', message: 'unknown failure' });
  });

  it('drops anything malformed', () => {
    for (const line of [
      '',
      'not json',
      '[]',
      'null',
      '{"type":"result","id":"3","reply":"{}"}',
      '{"type":"other"}',
      '{"type":"output","id":1,"stream":"x","text":""}',
    ]) {
      expect(parseChildMessage(line)).toBeUndefined();
    }
  });
});

describe('parseCellReply', () => {
  it('keeps only well-typed fields', () => {
    const reply = parseCellReply(
      JSON.stringify({ stdout: 'a', stderr: '', result: '1', truncatedBytes: 0, extra: { __proto__: 1 } }),
    );
    expect(reply).toEqual({ stdout: 'a', stderr: '', result: '1' });
  });

  it('rejects a reply with a malformed error', () => {
    expect(parseCellReply('{"stdout":"","stderr":"","error":{"name":"E"}}')).toBeUndefined();
    expect(parseCellReply('{"stdout":1,"stderr":""}')).toBeUndefined();
  });
});

describe('parseToolRequest', () => {
  it('needs a tool name and defaults the arguments', () => {
    expect(parseToolRequest('{"name":"add","args":{"a":1}}')).toEqual({ name: 'add', args: { a: 1 } });
    expect(parseToolRequest('{"name":"ping"}')).toEqual({ name: 'ping', args: {} });
    expect(parseToolRequest('{"args":{}}')).toBeUndefined();
  });
});
