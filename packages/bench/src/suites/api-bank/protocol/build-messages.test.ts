import { readFileSync } from 'node:fs';
import type { ModelMessage } from '@codeact/core';
import { PyDict, pyStr } from '@codeact/mint';
import { describe, expect, it } from 'vitest';
import { type ActionMode, loadApiBankData } from '../api-bank-data.js';
import { buildApiBankMessages } from './build-messages.js';
import { renderHistoryCall } from './render-api-call.js';

type Example = { instance_id: string; messages: Record<ActionMode, ModelMessage[]> };
const examples = (
  JSON.parse(readFileSync(new URL('../__fixtures__/example_prompts.json', import.meta.url), 'utf8')) as {
    examples: Example[];
  }
).examples;
const data = loadApiBankData();

function instance(id: string) {
  const found = data.instances.find((candidate) => candidate.instanceId === id);
  if (!found) throw new Error(`no instance ${id}`);
  return found;
}

describe('buildApiBankMessages', () => {
  it('renders the reference prompts byte for byte in all three formats', () => {
    expect(examples).toHaveLength(4);
    for (const example of examples) {
      for (const format of Object.keys(example.messages) as ActionMode[]) {
        expect(buildApiBankMessages(instance(example.instance_id), format, data)).toEqual(example.messages[format]);
      }
    }
  });

  it('writes an earlier argument-less call as [GetToda)] in code format, and correctly when fixed', () => {
    const later = data.instances.find(
      (candidate) =>
        candidate.file.startsWith('GetToday-ModifyMeeting') &&
        candidate.history.some((turn) => turn.role === 'API' && turn.apiName === 'GetToday'),
    );
    if (!later) throw new Error('no instance after a GetToday call');
    const faithful = buildApiBankMessages(later, 'code_as_action', data).map((message) => message.content);
    const fixed = buildApiBankMessages(later, 'code_as_action', data, { fixed: true }).map((m) => m.content);
    expect(faithful.some((content) => content.includes('[GetToda)]'))).toBe(true);
    expect(fixed.some((content) => content.includes('[GetToday()]'))).toBe(true);
    expect(fixed.some((content) => content.includes('[GetToda)]'))).toBe(false);
  });

  it('merges an AI turn and the following call into one assistant message and may end on the assistant', () => {
    const messages = buildApiBankMessages(
      instance('AddAgenda-AddAlarm-GetUserToken-level-2-1.jsonl-2'),
      'json_as_action',
      data,
    );
    expect(messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(messages[6]?.content).toBe(
      'Thank you.\n[{"action": "GetUserToken", "username": "JaneSmith", "password": "password"}]',
    );
    expect(messages[7]?.content).toBe("Response: {'token': 'o8i7u6y5t4r3e2w1q0'}");
  });
});

describe('renderHistoryCall', () => {
  it('quotes every value with str() in code, writes raw values in text and json.dumps in JSON', () => {
    const params = new PyDict([
      ['attendees', pyStr("['A', 'B']")],
      ['room_count', pyStr('1')],
    ]);
    expect(renderHistoryCall('AddMeeting', params, 'code_as_action')).toBe(
      "[AddMeeting(attendees='['A', 'B']', room_count='1')]",
    );
    expect(renderHistoryCall('AddMeeting', params, 'text_as_action')).toBe(
      "[Action: AddMeeting, attendees: ['A', 'B'], room_count: 1]",
    );
    expect(renderHistoryCall('AddMeeting', params, 'json_as_action')).toBe(
      '[{"action": "AddMeeting", "attendees": "[\'A\', \'B\']", "room_count": "1"}]',
    );
    expect(renderHistoryCall('GetToday', new PyDict(), 'text_as_action')).toBe('[Action: GetToday]');
  });
});
