import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, type ModelCallOptions, type ModelStreamPart } from '@codeact/core';
import type { Warning } from 'ai';
import { describe, expect, it } from 'vitest';
import { createRecordedFetch, type RecordedResponse, sse } from '../__fixtures__/recorded-fetch.js';
import { createAiSdkModel } from './create-ai-sdk-model.js';

const call: ModelCallOptions = {
  messages: [
    { role: 'system', content: 'You are a CodeAct agent. Write Python in <execute> tags.' },
    { role: 'user', content: 'What is the square root of 16?' },
  ],
};

function openaiModel(responses: readonly RecordedResponse[], modelId = 'gpt-4o') {
  const recorded = createRecordedFetch(responses);
  const provider = createOpenAI({ apiKey: 'sk-test', fetch: recorded.fetch });
  return { ...recorded, model: createAiSdkModel({ model: provider.chat(modelId) }) };
}

async function collect(parts: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const collected: ModelStreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

describe('createAiSdkModel', () => {
  it('streams text deltas and ends with exactly one finish part', async () => {
    const { model } = openaiModel([sse('openai-chat-stream.sse')]);
    const parts = await collect(model.doStream(call));

    const deltas = parts.filter((part) => part.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.map((part) => part.text).join('')).toBe(
      "I'll compute the square root.\n<execute>\nimport math\nprint(math.sqrt(16))\n",
    );
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 182, outputTokens: 21 },
    });
  });

  it('takes provider and model id from the AI SDK model unless given', () => {
    const { model } = openaiModel([]);
    expect([model.specificationVersion, model.provider, model.modelId]).toEqual(['v1', 'openai', 'gpt-4o']);
    const named = createAiSdkModel({
      model: createOpenAI({ apiKey: 'sk-test' }).chat('gpt-4o'),
      provider: 'azure',
      modelId: 'prod-gpt',
    });
    expect([named.provider, named.modelId]).toEqual(['azure', 'prod-gpt']);
  });

  it('sends messages, temperature, max tokens and stop sequences in the request body', async () => {
    const { model, requests } = openaiModel([sse('openai-chat-stream.sse')]);
    await generateText(model, { ...call, temperature: 0.2, maxOutputTokens: 512, stopSequences: ['</execute>'] });

    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(requests[0]?.body).toMatchObject({
      model: 'gpt-4o',
      temperature: 0.2,
      max_tokens: 512,
      stop: ['</execute>'],
      stream: true,
      messages: [
        { role: 'system', content: call.messages[0]?.content },
        { role: 'user', content: call.messages[1]?.content },
      ],
    });
  });

  it('leaves unset settings out of the request', async () => {
    const { model, requests } = openaiModel([sse('openai-chat-stream.sse')]);
    await generateText(model, call);
    for (const key of ['temperature', 'max_tokens', 'stop']) expect(requests[0]?.body).not.toHaveProperty(key);
  });

  it('streams an Anthropic messages reply and sends the settings the Anthropic way', async () => {
    const recorded = createRecordedFetch([sse('anthropic-messages-stream.sse')]);
    const anthropic = createAnthropic({ apiKey: 'sk-ant-test', fetch: recorded.fetch });
    const model = createAiSdkModel({ model: anthropic('claude-sonnet-4-5') });
    const result = await generateText(model, {
      ...call,
      temperature: 0,
      maxOutputTokens: 1024,
      stopSequences: ['</execute>'],
    });

    expect(result).toEqual({
      text: "Let me list the files first.\n<execute>\nimport os\nprint(sorted(os.listdir('.')))\n",
      finishReason: 'stop',
      usage: { inputTokens: 412, outputTokens: 29 },
    });
    expect(model.provider).toBe('anthropic');
    expect(recorded.requests[0]?.url).toBe('https://api.anthropic.com/v1/messages');
    expect(recorded.requests[0]?.headers['x-api-key']).toBe('sk-ant-test');
    expect(recorded.requests[0]?.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      system: [{ type: 'text', text: call.messages[0]?.content }],
      messages: [{ role: 'user', content: [{ type: 'text', text: call.messages[1]?.content }] }],
      temperature: 0,
      max_tokens: 1024,
      stop_sequences: ['</execute>'],
    });
  });

  it('maps a length cut-off from an OpenAI-compatible server', async () => {
    const recorded = createRecordedFetch([sse('vllm-chat-stream-length.sse')]);
    const vllm = createOpenAICompatible({
      name: 'vllm',
      baseURL: 'http://gpu:8000/v1',
      fetch: recorded.fetch,
      includeUsage: true,
    });
    const model = createAiSdkModel({ model: vllm.chatModel('Qwen/Qwen2.5-Coder-7B-Instruct') });
    const result = await generateText(model, { ...call, maxOutputTokens: 4 });

    expect(result).toEqual({
      text: 'Let me think about',
      finishReason: 'length',
      usage: { inputTokens: 96, outputTokens: 4 },
    });
    expect(recorded.requests[0]?.body).toMatchObject({ max_tokens: 4, stream_options: { include_usage: true } });
  });

  it('reports the cost when the provider includes one', async () => {
    const recorded = createRecordedFetch([sse('openrouter-chat-stream.sse')]);
    const openrouter = createOpenAICompatible({
      name: 'openrouter',
      baseURL: 'https://openrouter.ai/api/v1',
      fetch: recorded.fetch,
      includeUsage: true,
    });
    const model = createAiSdkModel({ model: openrouter.chatModel('qwen/qwen-2.5-coder-32b-instruct') });
    const result = await generateText(model, call);

    expect(result).toEqual({
      text: '<execute>\nprint(sum(range(10)))\n',
      finishReason: 'stop',
      usage: { inputTokens: 240, outputTokens: 12 },
      costUsd: 0.0000504,
    });
  });

  it('hands provider warnings to onWarning instead of printing them', async () => {
    const recorded = createRecordedFetch([sse('openai-chat-stream.sse')]);
    const warnings: Warning[] = [];
    const model = createAiSdkModel({
      model: createOpenAI({ apiKey: 'sk-test', fetch: recorded.fetch }).chat('o3-mini'),
      onWarning: (received) => warnings.push(...received),
    });
    await generateText(model, { ...call, temperature: 0.5 });

    expect(warnings).toEqual([expect.objectContaining({ feature: 'temperature' })]);
    expect(recorded.requests[0]?.body).not.toHaveProperty('temperature');
  });

  it('rejects with the abort reason when aborted mid-stream and does not retry', async () => {
    const { model, requests } = openaiModel([
      sse('openai-chat-stream.sse', { holdOpen: true }),
      sse('openai-chat-stream.sse'),
    ]);
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    let text = '';
    const consume = async () => {
      for await (const part of model.doStream({ ...call, abortSignal: controller.signal })) {
        if (part.type !== 'text-delta') continue;
        text += part.text;
        if (text.includes('<execute>')) controller.abort(reason);
      }
    };

    await expect(consume()).rejects.toBe(reason);
    expect(text).toContain('<execute>');
    expect(requests).toHaveLength(1);
  });

  it('rejects with the abort reason when aborted before the call', async () => {
    const { model } = openaiModel([sse('openai-chat-stream.sse')]);
    const reason = new Error('cancelled');
    await expect(generateText(model, { ...call, abortSignal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
