import { createToolHost } from '@codeact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMcpToolset } from './connect-mcp-toolset.js';
import { parseMcpFlag } from './mcp-server-spec.js';
import { startEverythingHttp } from './test-support/mcp-test-servers.js';

describe.each(['streamableHttp', 'sse'] as const)('server-everything over %s', (mode) => {
  let server: Awaited<ReturnType<typeof startEverythingHttp>>;

  beforeAll(async () => {
    server = await startEverythingHttp(mode);
  });

  afterAll(() => server?.stop());

  it('calls tools through --mcp NAME=URL (SSE is the fallback for legacy servers)', async () => {
    const toolset = await connectMcpToolset([parseMcpFlag(`web=${server.url}`)]);
    try {
      const host = createToolHost(toolset.tools);
      const call = (name: string, args: unknown) => host.call({ name, args, sessionId: 's' });
      expect(await call('web.get_sum', { a: 20, b: 22 })).toEqual({ ok: true, value: 'The sum of 20 and 22 is 42.' });
      expect(await call('web.get_structured_content', { location: 'New York' })).toEqual({
        ok: true,
        value: { temperature: 33, conditions: 'Cloudy', humidity: 82 },
      });
    } finally {
      await toolset.close();
    }
  });
});
