import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of the fake server: a streamed reply, or an HTTP error status. */
export type FakeResponse = string | { readonly status: number };

/**
 * A small local stand-in for an OpenAI-compatible `/v1/chat/completions` endpoint (streaming),
 * answering each request with the next queued response. Listens on an ephemeral port.
 */
export async function startFakeOpenAiServer(responses: FakeResponse[]): Promise<{
  readonly baseUrl: string;
  readonly requests: () => number;
  close(): Promise<void>;
}> {
  let count = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count += 1;
      const next = responses.shift();
      if (next === undefined || typeof next !== 'string') {
        const status = next === undefined ? 500 : next.status;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `fake server error ${status}`, type: 'server_error' } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'fake', object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      response.write(chunk({ role: 'assistant', content: next }, null));
      response.write(chunk({}, 'stop'));
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
