import type { Tool } from '@codeact/core';
import { type ConnectMcpOptions, connectMcpServer, type McpConnection } from './connect-mcp-server.js';
import { mcpPythonPrelude } from './mcp-python-prelude.js';
import { mcpSearchTool } from './mcp-search-tool.js';
import type { McpServerSpec } from './mcp-server-spec.js';
import { type McpBackedTool, type McpToolOptions, mcpTools } from './mcp-tools.js';

export type McpToolsetOptions = ConnectMcpOptions &
  McpToolOptions & {
    /** A server with more tools than this is listed by name only, with `SERVER.search`. Default 30. */
    readonly maxListedTools?: number;
  };

/** Every tool of a set of MCP servers, ready for a tool host and a system prompt. */
export type McpToolset = {
  readonly servers: readonly McpConnection[];
  /** Every callable tool (for the tool host), search tools included. */
  readonly tools: readonly Tool[];
  /** The tools listed with their signature and docstring in the prompt. */
  readonly promptTools: readonly Tool[];
  /** Appended to the system prompt: server instructions and the name-only lists of large servers. */
  readonly promptNotes: string;
  /** Python run after the stubs (image results become figures). */
  readonly pythonPrelude: string;
  close(): Promise<void>;
};

function serverNotes(connection: McpConnection, tools: readonly McpBackedTool[], listed: boolean, search?: string) {
  const name = connection.spec.name;
  const lines: string[] = [];
  if (!listed) {
    lines.push(
      `The ${name} MCP server has ${tools.length} tools, called as ${name}.TOOL(...): ${tools.map((tool) => tool.name.slice(name.length + 1)).join(', ')}.`,
      `Use ${name}.${search}("what you need") to find tools and help(${name}.TOOL) to read one's signature and docstring before calling it.`,
    );
  }
  if (connection.instructions?.trim()) {
    lines.push(`Instructions from the ${name} MCP server:\n${connection.instructions.trim()}`);
  }
  return lines.join('\n');
}

/**
 * Connects to every server (in parallel) and turns their tools into `SERVER.tool(...)` Python
 * functions. If one server fails, the others are closed and its one-line error is thrown.
 */
export async function connectMcpToolset(
  specs: readonly McpServerSpec[],
  options: McpToolsetOptions = {},
): Promise<McpToolset> {
  const names = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name)) throw new TypeError(`Two MCP servers are named ${spec.name}.`);
    names.add(spec.name);
  }
  const settled = await Promise.allSettled(specs.map((spec) => connectMcpServer(spec, options)));
  const servers = settled.flatMap((entry) => (entry.status === 'fulfilled' ? [entry.value] : []));
  const failed = settled.find((entry) => entry.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((server) => server.close()));
    throw failed.reason;
  }
  const maxListed = options.maxListedTools ?? 30;
  const tools: Tool[] = [];
  const promptTools: Tool[] = [];
  const notes: string[] = [];
  const wrapped: string[] = [];
  for (const connection of servers) {
    const serverTools = mcpTools(connection, options);
    tools.push(...serverTools);
    wrapped.push(...serverTools.map((tool) => tool.name));
    const listed = serverTools.length <= maxListed;
    let search: string | undefined;
    if (listed) promptTools.push(...serverTools);
    else {
      const members = new Set(serverTools.map((tool) => tool.name.slice(connection.spec.name.length + 1)));
      search = members.has('search') ? 'search_tools' : 'search';
      tools.push(mcpSearchTool(connection.spec.name, search, serverTools));
    }
    const note = serverNotes(connection, serverTools, listed, search);
    if (note) notes.push(note);
  }
  return {
    servers,
    tools,
    promptTools,
    promptNotes: notes.join('\n\n'),
    pythonPrelude: mcpPythonPrelude(wrapped),
    async close() {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
