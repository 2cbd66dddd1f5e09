import type { ModelMessage } from '@codeact/core';
import { pyNone, pythonStr } from '@codeact/mint';
import type { ActionMode, ApiBankData, ApiBankInstance } from '../api-bank-data.js';
import { renderHistoryCall } from './render-api-call.js';

/** The system prompt: the format's call-prompt header, then one JSON description per API of the dialogue. */
export function buildSystemPrompt(instance: ApiBankInstance, format: ActionMode, data: ApiBankData): string {
  const descriptions = instance.apisInDialogue.map((name) => {
    const api = data.apis.get(name);
    if (!api) throw new TypeError(`No description for API ${name}.`);
    return api.promptDescription;
  });
  return data.prompts.callPromptHeader[format] + descriptions.join(data.prompts.apiDescriptionSeparator);
}

/**
 * The chat messages upstream sends for one instance: system prompt, then the history (earlier API
 * calls rendered in the format and answered with `Response: str(output)`), with consecutive
 * assistant messages merged. The conversation may end on an assistant message.
 */
export function buildApiBankMessages(
  instance: ApiBankInstance,
  format: ActionMode,
  data: ApiBankData,
  options: { readonly fixed?: boolean } = {},
): ModelMessage[] {
  const messages: ModelMessage[] = [{ role: 'system', content: buildSystemPrompt(instance, format, data) }];
  const push = (message: ModelMessage) => {
    const last = messages.at(-1);
    if (message.role === 'assistant' && last?.role === 'assistant') {
      messages[messages.length - 1] = {
        role: 'assistant',
        content: last.content + data.prompts.assistantMergeSeparator + message.content,
      };
    } else {
      messages.push(message);
    }
  };
  for (const turn of instance.history) {
    if (turn.role === 'API') {
      push({ role: 'assistant', content: renderHistoryCall(turn.apiName, turn.paramDict, format, options) });
      push({ role: 'user', content: data.prompts.responsePrefix + pythonStr(turn.result.get('output') ?? pyNone) });
    } else {
      push({ role: turn.role === 'User' ? 'user' : 'assistant', content: turn.text });
    }
  }
  return messages;
}
