import { ConfigurationError } from '@codeact/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerSpec } from './mcp-server-spec.js';

/** An initialized client for one server, with its tool list. */
export type McpConnection = {
  readonly spec: McpServerSpec;
  readonly client: Client;
  /** The server's `instructions` (meant for the system prompt). */
  readonly instructions: string | undefined;
  readonly tools: readonly McpTool[];
  /** Why the server is gone (it exited or the connection closed), undefined while it is up. */
  readonly failure: () => string | undefined;
  close(): Promise<void>;
};

export type ConnectMcpOptions = {
  /** Limit for starting and `initialize` + `tools/list`. Default 60 s (npx may download the server). */
  readonly startTimeoutMs?: number;
  readonly clientName?: string;
  /**
   * Called once when a connected server goes away on its own (it exited, the connection closed),
   * with the line naming it and the tail of its stderr. Calls to its tools raise `ToolError` after.
   */
  readonly onServerGone?: (message: string) => void;
};

const tailChars = 600;

/** The last lines of a server's stderr, on one line. */
function oneLine(text: string): string {
  return text
    .trim()
    .slice(-tailChars)
    .replace(/\s*\n\s*/g, ' | ');
}

function describeTarget(spec: McpServerSpec): string {
  return spec.transport === 'stdio' ? [spec.command, ...spec.args].join(' ') : spec.url;
}

/** Resolves when the stream ends, or after `ms` (a dying server's last stderr arrives after the close). */
function ended(stream: NodeJS.EventEmitter | null | undefined, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    stream?.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (!stream) resolve();
  });
}

async function openTransport(
  spec: McpServerSpec,
  client: Client,
  timeout: number,
  onStderr: (text: string) => void,
): Promise<NodeJS.EventEmitter | null> {
  if (spec.transport === 'stdio') {
    const transport = new StdioClientTransport({
      command: spec.command,
      args: [...spec.args],
      env: { ...getDefaultEnvironment(), ...spec.env },
      ...(spec.cwd ? { cwd: spec.cwd } : {}),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => onStderr(chunk.toString('utf8')));
    await client.connect(transport, { timeout });
    return transport.stderr;
  }
  const requestInit = { headers: { ...spec.headers } };
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(spec.url), { requestInit }), { timeout });
  } catch (streamableError) {
    // Legacy servers speak the 2024-11-05 HTTP+SSE transport only.
    try {
      await client.connect(new SSEClientTransport(new URL(spec.url), { requestInit }), { timeout });
    } catch {
      throw streamableError;
    }
  }
  return null;
}

/**
 * Starts (stdio) or reaches (HTTP) one server, runs `initialize` and lists its tools. A server that
 * cannot start, or does not answer in time, is one `ConfigurationError` line naming it with the tail
 * of its stderr.
 */
export async function connectMcpServer(spec: McpServerSpec, options: ConnectMcpOptions = {}): Promise<McpConnection> {
  const timeout = options.startTimeoutMs ?? 60_000;
  const client = new Client({ name: options.clientName ?? 'codeact', version: '0.1.0' });
  let stderr = '';
  let gone = false;
  let closing = false;
  const tail = () => (stderr.trim() ? `; stderr: ${oneLine(stderr)}` : '');
  const fail = (error: unknown): never => {
    closing = true;
    void client.close().catch(() => {});
    const reason = (error as Error).message.replace(/^MCP error -?\d+: /, '');
    throw new ConfigurationError(
      `MCP server ${spec.name} (${describeTarget(spec)}) failed to start: ${reason}${tail()}`,
      { cause: error },
    );
  };
  const goneMessage = () => `MCP server ${spec.name} (${describeTarget(spec)}) is gone${tail()}`;
  const deadline = AbortSignal.timeout(timeout);
  try {
    const stderrStream = await openTransport(spec, client, timeout, (text) => {
      stderr = (stderr + text).slice(-8 * tailChars);
    });
    // Set after connecting: a failed streamable-HTTP attempt before the SSE fallback closes too.
    client.onclose = () => {
      if (closing || gone) return;
      gone = true;
      const report = options.onServerGone;
      if (report) void ended(stderrStream, 1000).then(() => report(goneMessage()));
    };
    const tools: McpTool[] = [];
    let cursor: string | undefined;
    if (client.getServerCapabilities()?.tools) {
      do {
        const page = await client.listTools(cursor ? { cursor } : {}, { timeout, signal: deadline });
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
    }
    return {
      spec,
      client,
      instructions: client.getInstructions(),
      tools,
      // Computed on use: the stderr of a dying server may arrive after the close.
      failure: () => (gone ? goneMessage() : undefined),
      async close() {
        closing = true;
        await client.close().catch(() => {});
      },
    };
  } catch (error) {
    return fail(error);
  }
}
