import { createToolHost } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { connectMcpToolset } from './connect-mcp-toolset.js';
import { stdioServer } from './test-support/mcp-test-servers.js';

const node = process.execPath;

describe('MCP servers that fail', () => {
  it('names a server that exits at start, with its stderr tail, on one line', async () => {
    const spec = {
      name: 'broken',
      transport: 'stdio',
      command: node,
      args: ['-e', 'console.error("fatal: GITHUB_TOKEN is not set"); process.exit(3)'],
      env: {},
    } as const;
    const failure = connectMcpToolset([spec]);
    await expect(failure).rejects.toThrow(
      /^MCP server broken \(.+\) failed to start: .*stderr: fatal: GITHUB_TOKEN is not set$/,
    );
    await expect(failure).rejects.toMatchObject({ code: 'CONFIGURATION' });
  });

  it('names a command that does not exist', async () => {
    const spec = { name: 'missing', transport: 'stdio', command: 'no-such-mcp-server-xyz', args: [], env: {} } as const;
    await expect(connectMcpToolset([spec])).rejects.toThrow(
      /^MCP server missing \(no-such-mcp-server-xyz\) failed to start: .*ENOENT/,
    );
  });

  it('times out a server that never answers initialize', async () => {
    const spec = {
      name: 'silent',
      transport: 'stdio',
      command: node,
      args: ['-e', 'setInterval(() => {}, 1000)'],
      env: {},
    } as const;
    await expect(connectMcpToolset([spec], { startTimeoutMs: 500 })).rejects.toThrow(
      /^MCP server silent .* failed to start: .*timed out/i,
    );
  });

  it('starts servers with a clean environment plus the variables the config names', async () => {
    process.env.CODEACT_MCP_TEST_SECRET = 'host-only';
    try {
      const toolset = await connectMcpToolset([stdioServer('env', 'server-everything', [], { SHOWN: 'yes' })]);
      try {
        const result = await createToolHost(toolset.tools).call({ name: 'env.get_env', args: {}, sessionId: 's' });
        expect(result.ok).toBe(true);
        expect(String(result.value)).toContain('"SHOWN": "yes"');
        expect(String(result.value)).not.toContain('CODEACT_MCP_TEST_SECRET');
      } finally {
        await toolset.close();
      }
    } finally {
      delete process.env.CODEACT_MCP_TEST_SECRET;
    }
  });

  it('turns calls to a server that died mid-run into ToolErrors naming it', async () => {
    const toolset = await connectMcpToolset([stdioServer('dying', 'server-everything')]);
    try {
      const host = createToolHost(toolset.tools);
      const transport = toolset.servers[0]?.client.transport as { pid: number | null } | undefined;
      process.kill(transport?.pid ?? 0, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const result = await host.call({ name: 'dying.get_sum', args: { a: 1, b: 2 }, sessionId: 's' });
      expect(result).toMatchObject({ ok: false, error: { type: 'ToolError' } });
      expect(result.error?.message).toMatch(/^MCP server dying \(.+\) is gone/);
    } finally {
      await toolset.close();
    }
  });
});
