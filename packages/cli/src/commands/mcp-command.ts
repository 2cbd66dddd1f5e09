import { ConfigurationError, describeTools } from '@codeact/core';
import type { CliIo } from '../cli-io.js';
import { connectCliMcp } from '../cli-mcp.js';
import type { CliValues } from '../cli-options.js';

const usage =
  'codeact mcp list NAME=COMMAND [ARGS…] | NAME=https://…/mcp … (or --mcp-config FILE) prints the Python stubs the model sees; codeact mcp serve serves codeact over stdio';

/**
 * `codeact mcp list SERVER…`: connects to the servers and prints exactly the tool part of the
 * system prompt the model gets with `--mcp`: the listed stubs, then the notes (instructions, and
 * names only for large servers).
 */
export async function mcpCommand(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  const [subcommand, ...servers] = positionals;
  if (subcommand === 'serve') return (await import('./mcp-serve.js')).mcpServe(values, io);
  if (subcommand !== 'list')
    throw new ConfigurationError(`Unknown mcp subcommand ${JSON.stringify(subcommand ?? '')}. Usage: ${usage}`);
  const toolset = await connectCliMcp(values, io, servers);
  if (!toolset) throw new ConfigurationError(`Name at least one server. Usage: ${usage}`);
  try {
    const tools = describeTools(toolset.promptTools);
    io.stdout.write(`${tools}${toolset.promptNotes ? `${toolset.promptNotes}\n` : ''}`);
    return 0;
  } finally {
    await toolset.close();
  }
}
