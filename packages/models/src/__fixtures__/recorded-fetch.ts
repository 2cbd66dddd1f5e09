import { readFileSync } from 'node:fs';

/** The text of a file in this folder. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, import.meta.url), 'utf8');
}

/** One canned reply of the fake `fetch`. */
export type RecordedResponse =
  | { readonly kind: 'sse'; readonly body: string; readonly holdOpen?: boolean }
  | { readonly kind: 'json'; readonly status: number; readonly body: string; readonly headers?: Record<string, string> }
  | { readonly kind: 'network-error'; readonly code: string };

export type RecordedRequest = {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
};

export const sse = (name: string, options: { holdOpen?: boolean } = {}): RecordedResponse => ({
  kind: 'sse',
  body: fixture(name),
  ...options,
});

export const json = (status: number, name: string, headers: Record<string, string> = {}): RecordedResponse => ({
  kind: 'json',
  status,
  body: fixture(name),
  headers,
});

/**
 * A `fetch` that answers with `responses` in order and records each request. SSE bodies are sent one
 * event per chunk; `holdOpen` keeps the stream open after the last event until the request aborts.
 */
export function createRecordedFetch(responses: readonly RecordedResponse[]) {
  const queue = [...responses];
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    requests.push({ url: String(input), headers, body: JSON.parse(String(init?.body ?? '{}')) });
    const response = queue.shift();
    if (!response) throw new Error(`Unexpected request ${requests.length} to ${String(input)}`);
    init?.signal?.throwIfAborted();
    switch (response.kind) {
      case 'network-error':
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect failed'), { code: response.code }),
        });
      case 'json':
        return new Response(response.body, {
          status: response.status,
          headers: { 'content-type': 'application/json', ...response.headers },
        });
      case 'sse':
        return new Response(sseStream(response.body, response.holdOpen ?? false, init?.signal ?? undefined), {
          headers: { 'content-type': 'text/event-stream' },
        });
    }
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

function sseStream(body: string, holdOpen: boolean, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const events = body.split(/(?<=\n\n)/);
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
    },
    async pull(controller) {
      const event = events.shift();
      if (event !== undefined) controller.enqueue(encoder.encode(event));
      else if (!holdOpen) controller.close();
      else await new Promise(() => {});
    },
  });
}
