import { type PyValue, pyFloat, pyInt, pyList, pyTrue, toJsonValue } from '@codeact/mint';
import { describe, expect, it } from 'vitest';
import { extractApiCall, parseApiCall } from './parse-api-call.js';

/** The parsed call as plain JSON, or the error. */
function parse(reply: string, format: Parameters<typeof parseApiCall>[1], fixed = false) {
  const extracted = extractApiCall(reply);
  if (extracted === undefined) return { error: 'No API call found' };
  const result = parseApiCall(extracted, format, { fixed });
  if (!result.success) return { error: result.error };
  return { name: toJsonValue(result.value.apiName), params: toJsonValue(result.value.params) };
}

describe('extractApiCall', () => {
  it('takes the first line with a bracket pair, from its first [ to its last ]', () => {
    expect(extractApiCall('Sure.\nCall [A(x=1)] then [B(y=2)] ok\n[C()]')).toBe('[A(x=1)] then [B(y=2)]');
  });

  it('does not cross lines, so a pretty-printed call is missed', () => {
    expect(extractApiCall('[{\n"action": "GetToday"\n}]')).toBeUndefined();
    expect(extractApiCall('[{\n"action": "GetToday"\n}] [x]')).toBe('[x]');
  });

  it("lets a carriage return through, as Python's . does", () => {
    expect(extractApiCall('[GetToday()\r]')).toBe('[GetToday()\r]');
  });
});

describe('parseApiCall (faithful)', () => {
  it('reads code calls as strings, quoted values ending at the first quote of either kind', () => {
    expect(parse(`[SendEmail(receiver='a@b.com', content="Don't forget")]`, 'code_as_action')).toEqual({
      name: 'SendEmail',
      params: { receiver: 'a@b.com', content: 'Don' },
    });
  });

  it('keeps bare words only, so floats lose their fraction and negative numbers are dropped', () => {
    expect(parse('[BookHotel(room_count=2, x=3.5, y=-1, on=True, z=None)]', 'code_as_action')).toEqual({
      name: 'BookHotel',
      params: { room_count: '2', x: '3', on: 'True', z: 'None' },
    });
  });

  it('takes a bracketed value greedily to the last ] as a string', () => {
    expect(parse("[AddMeeting(attendees=['A', 'B'], location='x[1]')]", 'code_as_action')).toEqual({
      name: 'AddMeeting',
      params: { attendees: "['A', 'B'], location='x[1]" },
    });
  });

  it('merges two calls on one line into the first, and needs the name right after [', () => {
    expect(parse("[A(x='1')] then [B(y='2')]", 'code_as_action')).toEqual({ name: 'A', params: { x: '1', y: '2' } });
    expect(parse("[ A(x='1')]", 'code_as_action')).toEqual({ error: 'No valid action found in text' });
    expect(parse('[GetToday()]', 'code_as_action')).toEqual({ name: 'GetToday', params: {} });
  });

  it('keeps JSON types and the last of duplicate keys, and accepts NaN', () => {
    const extracted = extractApiCall('[{"action": "X", "n": 1, "f": 1.0, "l": [1], "n": 2, "b": true, "v": NaN}]');
    const result = parseApiCall(extracted ?? '', 'json_as_action');
    if (!result.success) throw new Error(result.error);
    const params = result.value.params;
    expect(params.get('n')).toEqual(pyInt(2));
    expect(params.get('f')).toEqual(pyFloat(1));
    expect(params.get('l')).toEqual(pyList([pyInt(1)]));
    expect(params.get('b')).toEqual(pyTrue);
    expect((params.get('v') as Extract<PyValue, { type: 'float' }>).value).toBeNaN();
  });

  it('reports a JSON call without "action" and invalid JSON as upstream does', () => {
    expect(parse('[{"name": "GetToday"}]', 'json_as_action')).toEqual({
      error: 'No valid action found. You should provide the action name with key "action" in json.',
    });
    expect(parse("[{'action': 'GetToday'}]", 'json_as_action')).toEqual({ error: 'No valid action found in text' });
    expect(parse('[{"action": 5}]', 'json_as_action')).toEqual({ name: 5, params: {} });
  });

  it('needs a comma after the text-format name, which the history converter never writes', () => {
    expect(parse('[Action: GetToday]', 'text_as_action')).toEqual({ error: 'No valid action found in text' });
    expect(parse('[Action: GetToday, ]', 'text_as_action')).toEqual({ name: 'GetToday', params: {} });
  });

  it('cuts text values at commas and strips ", then \', then spaces', () => {
    expect(
      parse(
        `[Action: AddAgenda, content: Meeting with John, Mary, time: 2023-10-26 09:00:00, location: 'Room 1' , x: "a"]`,
        'text_as_action',
      ),
    ).toEqual({
      name: 'AddAgenda',
      params: { content: 'Meeting with John', time: '2023-10-26 09:00:00', location: "Room 1'", x: 'a' },
    });
  });
});

describe('parseApiCall (fixed)', () => {
  it('honours matching quotes, escapes and balanced brackets in code calls', () => {
    expect(
      parse(
        `[AddMeeting(meeting_topic="Don't stop", attendees=['A', 'B'], location='x\\'y', n=-1.5, note=f(1, 2))]`,
        'code_as_action',
        true,
      ),
    ).toEqual({
      name: 'AddMeeting',
      params: { meeting_topic: "Don't stop", attendees: "['A', 'B']", location: "x'y", n: '-1.5', note: 'f(1, 2)' },
    });
  });

  it('accepts a text call without arguments and keeps commas that do not start a new key', () => {
    expect(parse('[Action: GetToday]', 'text_as_action', true)).toEqual({ name: 'GetToday', params: {} });
    expect(
      parse(
        "[Action: AddMeeting, meeting_topic: Sync, John, Mary, attendees: ['A', 'B'], formula: (5+6)*3]",
        'text_as_action',
        true,
      ),
    ).toEqual({
      name: 'AddMeeting',
      params: { meeting_topic: 'Sync, John, Mary', attendees: "['A', 'B']", formula: '(5+6)*3' },
    });
  });

  it('leaves the JSON parser unchanged', () => {
    const value = 'x';
    expect(parse(`[{"action": "A", "k": "${value}"}]`, 'json_as_action', true)).toEqual({
      name: 'A',
      params: { k: 'x' },
    });
  });
});
