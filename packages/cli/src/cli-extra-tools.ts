import { ConfigurationError, type Tool } from '@codeact/core';
import type { CliIo } from './cli-io.js';
import { connectCliMcp } from './cli-mcp.js';
import type { CliValues } from './cli-options.js';
import { loadToolsFiles } from './load-tools-files.js';

/** Host tools for prompts that list host tools only (`bench`, `data collect`). */
export type CliExtraTools = {
  readonly tools: readonly Tool[];
  /** The MCP result wrappers, run after each episode's own setup. */
  readonly setupCode: string;
  close(): Promise<void>;
};

/**
 * The tools of `--mcp` / `--mcp-config` servers and `--tools` modules for `command`; undefined when
 * none are named. `.py` tools files are refused: these prompts list host tools, not Python functions.
 */
export async function cliExtraTools(values: CliValues, io: CliIo, command: string): Promise<CliExtraTools | undefined> {
  const files = values.tools?.length ? await loadToolsFiles(values.tools, io.cwd) : undefined;
  if (files?.pythonSource) {
    throw new ConfigurationError(
      `codeact ${command} takes --tools modules (.mjs/.js/.ts defineTool exports) only: its prompt lists host tools, not Python functions.`,
    );
  }
  const mcp = await connectCliMcp(values, io);
  const tools = [...(files?.tools ?? []), ...(mcp?.tools ?? [])];
  if (tools.length === 0) {
    await mcp?.close();
    return undefined;
  }
  return { tools, setupCode: mcp?.pythonPrelude ?? '', close: async () => mcp?.close() };
}
