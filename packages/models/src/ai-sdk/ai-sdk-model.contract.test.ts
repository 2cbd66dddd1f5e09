import { createOpenAI } from '@ai-sdk/openai';
import { modelContract } from '@codeact/core/testing';
import { createRecordedFetch, json } from '../__fixtures__/recorded-fetch.js';
import { createAiSdkModel } from './create-ai-sdk-model.js';

/** An OpenAI chat-completions stream of `reply` in 6-character deltas, shaped like the recorded ones. */
function openAiStream(reply: string): string {
  const chunk = (delta: object, extra: object = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-contract', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: null }], usage: null, ...extra })}\n\n`;
  const events = [chunk({ role: 'assistant', content: '' })];
  for (let index = 0; index < reply.length; index += 6) events.push(chunk({ content: reply.slice(index, index + 6) }));
  events.push(
    `data: ${JSON.stringify({ id: 'chatcmpl-contract', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: null })}\n\n`,
    `data: ${JSON.stringify({ id: 'chatcmpl-contract', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 40, completion_tokens: Math.ceil(reply.length / 4), total_tokens: 99 } })}\n\n`,
    'data: [DONE]\n\n',
  );
  return events.join('');
}

const openai = (responses: Parameters<typeof createRecordedFetch>[0]) =>
  createAiSdkModel({
    model: createOpenAI({ apiKey: 'sk-test', fetch: createRecordedFetch(responses).fetch }).chat('gpt-4o'),
    maxRetries: 0,
  });

modelContract({
  name: 'AI SDK adapter (OpenAI chat completions, replayed HTTP)',
  createModel: (reply) => openai([{ kind: 'sse', body: openAiStream(reply) }]),
  createFailingModel: () => openai([json(401, 'openai-401-invalid-api-key.json')]),
});
