import { ConfigurationError } from '@codeact/core';
import { z } from 'zod';
import { pythonName } from './python-name.js';

/** How to reach one MCP server. */
export type McpServerSpec =
  | {
      readonly name: string;
      readonly transport: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      /** Added to the clean environment the server starts with (PATH, HOME, USER, …). */
      readonly env: Readonly<Record<string, string>>;
      readonly cwd?: string | undefined;
    }
  | {
      readonly name: string;
      readonly transport: 'http';
      readonly url: string;
      readonly headers: Readonly<Record<string, string>>;
    };

const configEntry = z.union([
  z.object({
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: z.string().optional(),
  }),
  z.object({
    url: z.url(),
    headers: z.record(z.string(), z.string()).default({}),
  }),
]);

/** The `{"mcpServers": {NAME: {command, args, env} | {url, headers}}}` file shape (Claude Desktop, Cursor, …). */
export const McpConfig = z.object({ mcpServers: z.record(z.string(), configEntry) });
export type McpConfig = z.infer<typeof McpConfig>;

function checkName(name: string, source: string): string {
  if (!name || pythonName(name) !== name) {
    throw new ConfigurationError(
      `MCP server name ${JSON.stringify(name)} in ${source} must be a Python identifier (letters, digits, _), e.g. fs=…`,
    );
  }
  return name;
}

/** Splits a command line the way a shell would for plain words and '…' / "…" quotes. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\\.|[^\s"'\\]+)|(\s+)/gy;
  let current: string | undefined;
  for (const match of text.matchAll(pattern)) {
    if (match[4] !== undefined) {
      if (current !== undefined) words.push(current);
      current = undefined;
      continue;
    }
    const piece = match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3]?.replace(/\\(.)/g, '$1') ?? '';
    current = (current ?? '') + piece;
  }
  if (current !== undefined) words.push(current);
  return words;
}

/**
 * Reads one `--mcp` value: `NAME=COMMAND [ARGS…]` (stdio) or `NAME=https://…/mcp` (streamable
 * HTTP). `$NAME_MCP_TOKEN` (e.g. `GITHUB_MCP_TOKEN`) in `env`, when set, becomes a bearer token.
 */
export function parseMcpFlag(value: string, env: Readonly<Record<string, string | undefined>> = {}): McpServerSpec {
  const equals = value.indexOf('=');
  if (equals <= 0 || value.slice(equals + 1).trim() === '') {
    throw new ConfigurationError(
      `--mcp takes NAME=COMMAND [ARGS…] or NAME=https://…/mcp, not ${JSON.stringify(value)}; e.g. --mcp "fs=npx -y @modelcontextprotocol/server-filesystem ."`,
    );
  }
  const name = checkName(value.slice(0, equals).trim(), '--mcp');
  const target = value.slice(equals + 1).trim();
  if (/^https?:\/\//.test(target)) {
    const token = env[`${name.toUpperCase()}_MCP_TOKEN`];
    return { name, transport: 'http', url: target, headers: token ? { Authorization: `Bearer ${token}` } : {} };
  }
  const [command, ...args] = splitCommandLine(target);
  return { name, transport: 'stdio', command: command as string, args, env: {} };
}

/** The servers of an `mcpServers` config file's parsed JSON; `${VAR}` in env and headers is taken from `env`. */
export function mcpServersFromConfig(
  json: unknown,
  source: string,
  env: Readonly<Record<string, string | undefined>> = {},
): McpServerSpec[] {
  const parsed = McpConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(
      `${source}: ${issue?.path.join('.') || '(file)'}: ${issue?.message}. Expected {"mcpServers": {"NAME": {"command": "…", "args": […]} | {"url": "https://…"}}}`,
    );
  }
  const expand = (record: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(record).map(([key, text]) => [key, text.replace(/\$\{(\w+)\}/g, (_, name) => env[name] ?? '')]),
    );
  return Object.entries(parsed.data.mcpServers).map(([name, entry]) => {
    checkName(name, source);
    if ('url' in entry) return { name, transport: 'http', url: entry.url, headers: expand(entry.headers) };
    return {
      name,
      transport: 'stdio',
      command: entry.command,
      args: entry.args,
      env: expand(entry.env),
      cwd: entry.cwd,
    };
  });
}
