import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError } from '@codeact/core';
import type { McpServerSpec, McpToolset } from '@codeact/mcp';
import type { CliIo } from './cli-io.js';
import type { CliValues } from './cli-options.js';

/** The servers named by `--mcp` flags (or `extra` positionals) and `--mcp-config`. */
export async function cliMcpServers(values: CliValues, io: CliIo, extra: readonly string[] = []) {
  const flags = [...(values.mcp ?? []), ...extra];
  if (flags.length === 0 && !values['mcp-config']) return [];
  const { mcpServersFromConfig, parseMcpFlag } = await import('@codeact/mcp');
  const specs: McpServerSpec[] = flags.map((flag) => parseMcpFlag(flag, io.env));
  const configPath = values['mcp-config'];
  if (configPath) {
    const path = resolve(io.cwd, configPath);
    const text = await readFile(path, 'utf8').catch(() => {
      throw new ConfigurationError(`Cannot read --mcp-config ${configPath}: no such file.`);
    });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ConfigurationError(`--mcp-config ${configPath} is not JSON: ${(error as Error).message}`);
    }
    specs.push(
      ...mcpServersFromConfig(json, configPath, io.env).map((spec) =>
        spec.transport === 'stdio' ? { ...spec, cwd: spec.cwd ? resolve(io.cwd, spec.cwd) : io.cwd } : spec,
      ),
    );
  }
  return specs;
}

/** Connects to the MCP servers the flags name; undefined when there are none. */
export async function connectCliMcp(
  values: CliValues,
  io: CliIo,
  extra: readonly string[] = [],
): Promise<McpToolset | undefined> {
  const specs = await cliMcpServers(values, io, extra);
  if (specs.length === 0) return undefined;
  const { connectMcpToolset } = await import('@codeact/mcp');
  const names = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name)) throw new ConfigurationError(`Two MCP servers are named ${spec.name}; rename one.`);
    names.add(spec.name);
  }
  return connectMcpToolset(
    specs.map((spec) => (spec.transport === 'stdio' && !spec.cwd ? { ...spec, cwd: io.cwd } : spec)),
    // Once per server; the run goes on and calls to its tools raise ToolError.
    { onServerGone: (message) => io.stderr.write(`codeact: ${message}; its tools now raise ToolError.\n`) },
  );
}
