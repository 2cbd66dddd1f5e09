import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, type LanguageModel, ModelCallError, type ModelCallOptions } from '@codeact/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecordedFetch, json, type RecordedResponse, sse } from '../__fixtures__/recorded-fetch.js';
import { type AiSdkModelSettings, createAiSdkModel, type ModelRetryEvent } from './create-ai-sdk-model.js';

const call: ModelCallOptions = { messages: [{ role: 'user', content: 'Print the sum of 1..10.' }] };
const openaiHints = { authentication: 'Set OPENAI_API_KEY or pass --api-key.', modelNotFound: 'Try openai:gpt-4o.' };

type Extra = Omit<AiSdkModelSettings, 'model'>;

function setup(
  responses: readonly RecordedResponse[],
  build: (fetch: typeof globalThis.fetch) => AiSdkModelSettings['model'],
  extra: Extra = {},
) {
  const recorded = createRecordedFetch(responses);
  const sleeps: number[] = [];
  const retries: ModelRetryEvent[] = [];
  const model: LanguageModel = createAiSdkModel({
    model: build(recorded.fetch),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRetry: (event) => retries.push(event),
    ...extra,
  });
  return { ...recorded, model, sleeps, retries };
}

const openai = (responses: readonly RecordedResponse[], extra: Extra = {}) =>
  setup(responses, (fetch) => createOpenAI({ apiKey: 'sk-test', fetch }).chat('gpt-4o'), {
    hints: openaiHints,
    ...extra,
  });
const anthropic = (responses: readonly RecordedResponse[], extra: Extra = {}) =>
  setup(responses, (fetch) => createAnthropic({ apiKey: 'sk-ant-test', fetch })('claude-sonnet-9'), extra);

async function failure(model: LanguageModel, options: ModelCallOptions = call): Promise<ModelCallError> {
  const error = await generateText(model, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ModelCallError);
  return error as ModelCallError;
}

// The AI SDK logs stream errors with console.error unless told not to; the console guard's throwing
// spy can be swallowed inside the SDK's stream, so check the spies directly.
afterEach(() => {
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    // biome-ignore lint/suspicious/noConsole: asserts on the console guard's spies, prints nothing.
    expect(console[method]).not.toHaveBeenCalled();
  }
});

describe('createAiSdkModel retries', () => {
  it('retries a 429 and then streams the reply', async () => {
    const { model, requests, sleeps, retries } = openai([
      json(429, 'openai-429-rate-limit.json'),
      sse('openai-chat-stream.sse'),
    ]);
    const result = await generateText(model, call);

    expect(result.text).toContain('print(math.sqrt(16))');
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
    expect(retries).toEqual([{ retry: 1, delayMs: 1000, error: expect.any(ModelCallError) }]);
    expect(retries[0]?.error).toMatchObject({ statusCode: 429, isRetryable: true });
  });

  it('waits as long as the retry-after header asks', async () => {
    const { model, sleeps } = openai([
      json(429, 'openai-429-rate-limit.json', { 'retry-after-ms': '1650' }),
      json(429, 'openai-429-rate-limit.json', { 'retry-after': '3' }),
      sse('openai-chat-stream.sse'),
    ]);
    await generateText(model, call);
    expect(sleeps).toEqual([1650, 3000]);
  });

  it('backs off exponentially and gives up after maxRetries', async () => {
    const { model, requests, sleeps } = openai(
      [
        json(500, 'openai-500-server-error.json'),
        json(500, 'openai-500-server-error.json'),
        json(500, 'openai-500-server-error.json'),
        json(500, 'openai-500-server-error.json'),
      ],
      { maxRetries: 3, initialDelayMs: 200 },
    );
    const error = await failure(model);

    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([200, 400, 800]);
    expect(error.statusCode).toBe(500);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe(
      'openai had a server error (500) for model "gpt-4o": The server had an error while processing your request. Sorry about that!. Gave up after 4 attempts.',
    );
  });

  it('retries a network failure', async () => {
    const { model, requests } = openai([{ kind: 'network-error', code: 'ECONNRESET' }, sse('openai-chat-stream.sse')]);
    await generateText(model, call);
    expect(requests).toHaveLength(2);
  });

  it('says which server it cannot reach once retries run out', async () => {
    const { model } = setup(
      [{ kind: 'network-error', code: 'ECONNREFUSED' }],
      (fetch) => createOpenAICompatible({ name: 'vllm', baseURL: 'http://localhost:8000/v1', fetch }).chatModel('qwen'),
      { maxRetries: 0 },
    );
    const error = await failure(model);
    expect(error.message).toMatch(/^Cannot reach vllm at http:\/\/localhost:8000 \(ECONNREFUSED\)/);
    expect(error.message).toContain('Check that the server is running and the base URL is right.');
  });

  it('retries an Anthropic stream that opens with an overloaded error', async () => {
    const { model, requests } = anthropic([
      sse('anthropic-stream-overloaded.sse'),
      sse('anthropic-messages-stream.sse'),
    ]);
    const result = await generateText(model, call);
    expect(result.text).toContain('os.listdir');
    expect(requests).toHaveLength(2);
  });

  it('is bounded: maxRetries 0 makes one attempt', async () => {
    const { model, requests, sleeps } = anthropic([json(529, 'anthropic-529-overloaded.json')], { maxRetries: 0 });
    const error = await failure(model);
    expect([requests.length, sleeps.length, error.statusCode, error.isRetryable]).toEqual([1, 0, 529, true]);
  });

  it('stops waiting when aborted during the backoff', async () => {
    const recorded = createRecordedFetch([json(429, 'openai-429-rate-limit.json'), sse('openai-chat-stream.sse')]);
    const controller = new AbortController();
    const reason = new Error('stop');
    const model = createAiSdkModel({
      model: createOpenAI({ apiKey: 'sk-test', fetch: recorded.fetch }).chat('gpt-4o'),
      initialDelayMs: 60_000,
      onRetry: () => controller.abort(reason),
    });
    await expect(generateText(model, { ...call, abortSignal: controller.signal })).rejects.toBe(reason);
    expect(recorded.requests).toHaveLength(1);
  });

  it('rejects a negative maxRetries', () => {
    expect(() => createAiSdkModel({ model: createOpenAI({ apiKey: 'k' }).chat('gpt-4o'), maxRetries: -1 })).toThrow(
      'maxRetries must be a whole number of at least 0, got -1.',
    );
  });
});

describe('createAiSdkModel errors', () => {
  it('fails fast on 401 and says which key to set', async () => {
    const { model, requests } = openai([json(401, 'openai-401-invalid-api-key.json')]);
    const error = await failure(model);

    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ code: 'MODEL_CALL', statusCode: 401, isRetryable: false });
    expect(error.message).toMatch(
      /^openai rejected the API key \(401\) for model "gpt-4o": Incorrect API key provided/,
    );
    expect(error.message).toMatch(/Set OPENAI_API_KEY or pass --api-key\.$/);
    expect(error.responseBody).toContain('invalid_api_key');
  });

  it('fails fast on an Anthropic 401 with a generic hint when none is given', async () => {
    const { model, requests } = anthropic([json(401, 'anthropic-401-authentication.json')]);
    const error = await failure(model);
    expect(requests).toHaveLength(1);
    expect(error.message).toBe(
      'anthropic rejected the API key (401) for model "claude-sonnet-9": invalid x-api-key. Check the API key given to the provider.',
    );
  });

  it('names the unknown model and how to choose one on 404', async () => {
    const { model, requests } = openai([json(404, 'openai-404-model-not-found.json')]);
    const error = await failure(model);

    expect(requests).toHaveLength(1);
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe(
      'openai has no model "gpt-4o" (404): The model `gpt-5o` does not exist or you do not have access to it. Try openai:gpt-4o. If the name is right, check the base URL (https://api.openai.com/v1/chat/completions).',
    );
  });

  it('passes on the server’s advice for a model Ollama has not pulled', async () => {
    const { model } = setup(
      [json(404, 'ollama-404-model-not-found.json')],
      (fetch) =>
        createOpenAICompatible({ name: 'ollama', baseURL: 'http://localhost:11434/v1', fetch }).chatModel(
          'qwen2.5-coder:7b',
        ),
      { hints: { modelNotFound: 'Pull it with `ollama pull <model>`.' } },
    );
    const error = await failure(model);
    expect(error.message).toContain('model "qwen2.5-coder:7b" not found, try pulling it first');
    expect(error.message).toContain('Pull it with `ollama pull <model>`.');
  });

  it.each([
    ['OpenAI', 'openai-400-context-length.json', "This model's maximum context length is 128000 tokens"],
    ['vLLM', 'vllm-400-context-length.json', "This model's maximum context length is 32768 tokens"],
    ['Anthropic', 'anthropic-400-prompt-too-long.json', 'prompt is too long: 208451 tokens > 200000 maximum'],
  ])('explains a %s context-length error without retrying', async (_, file, detail) => {
    const build = file.startsWith('anthropic')
      ? (fetch: typeof globalThis.fetch) => createAnthropic({ apiKey: 'k', fetch })('claude-sonnet-4-5')
      : (fetch: typeof globalThis.fetch) =>
          createOpenAICompatible({ name: 'server', baseURL: 'http://h/v1', fetch }).chatModel('m');
    const { model, requests } = setup([json(400, file)], build);
    const error = await failure(model);

    expect(requests).toHaveLength(1);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('The conversation is too long for model');
    expect(error.message).toContain(detail);
    expect(error.message).toContain('choose a model with a longer context window');
  });

  it('does not retry a stream that breaks after text was streamed', async () => {
    const broken = sse('openai-chat-stream.sse');
    const body = (broken as { body: string }).body.replace(
      /data: \{[^\n]*"finish_reason":"stop"[\s\S]*$/,
      'data: {"error":{"message":"upstream disconnected","type":"server_error"}}\n\n',
    );
    const { model, requests } = openai([{ kind: 'sse', body }, sse('openai-chat-stream.sse')]);
    const error = await failure(model);

    expect(requests).toHaveLength(1);
    expect(error.message).toContain('upstream disconnected');
    expect(error.message).toContain('The reply broke off after partial text, so it was not retried.');
  });
});
