import type { ActionFormat, ParsedReply } from '@codeact/core';
import { toJsonValue } from '@codeact/mint';
import type { ApiBankEpisode } from './api-bank-episode.js';
import { renderPythonCall } from './api-bank-tools.js';

/**
 * The episode's action format: the reply's first bracketed call, parsed as the evaluator does. A
 * code-format call becomes Python calling the API tool; JSON and text calls become tool calls whose
 * single argument is the parameter object. Anything else is invalid (the instance is lost).
 */
export function apiBankActionFormat(episode: ApiBankEpisode, systemPrompt: string): ActionFormat {
  return {
    specificationVersion: 'v1',
    name: `api-bank-${episode.format}`,
    stopSequences: [],
    parse(reply: string): ParsedReply {
      const read = episode.readReply(reply);
      if (read.type === 'none')
        return { text: reply, action: { type: 'invalid', reason: read.reason, feedback: read.reason } };
      const { params } = read.call;
      const apiName = read.call.apiName.type === 'str' ? read.call.apiName.value : undefined;
      if (apiName === undefined) {
        const reason = 'The "action" value is not an API name.';
        return { text: reply, action: { type: 'invalid', reason, feedback: reason } };
      }
      if (episode.format === 'code_as_action') {
        return { text: reply, action: { type: 'code', code: renderPythonCall(apiName, params), thought: '' } };
      }
      return {
        text: reply,
        action: { type: 'tool-call', toolName: apiName, args: [toJsonValue(params)], thought: '' },
      };
    },
    instructions: () => systemPrompt,
  };
}
