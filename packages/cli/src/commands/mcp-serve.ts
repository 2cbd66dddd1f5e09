import { resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { resolveCliExecutor, resolveCliModel, resolveCliToolset } from '../resolve-context.js';
import { agentSettings } from './agent-settings.js';

/**
 * `codeact mcp serve`: codeact as an MCP server on stdin/stdout (one client, one sandboxed Python
 * session). With a model (`--model` or `$CODEACT_MODEL`) it also offers `run_agent`. Logs go to stderr.
 */
export async function mcpServe(values: CliValues, io: CliIo): Promise<number> {
  const { createCodeActMcpServer } = await import('@codeact/mcp');
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const model = values.model || io.env.CODEACT_MODEL ? await resolveCliModel(values, io) : undefined;
  const toolset = await resolveCliToolset(values, io);
  const { executor, explanation } = await resolveCliExecutor(values);
  io.stderr.write(
    `codeact: ${explanation}\ncodeact: serving MCP on stdio${model ? '' : ' (no --model: run_agent is not offered)'}\n`,
  );
  const settings = agentSettings(values);
  const instance = await createCodeActMcpServer({
    executor,
    toolHost: toolset.toolHost,
    workDir: values.workdir === undefined ? undefined : resolve(io.cwd, values.workdir),
    model,
    agent: {
      maxTurns: settings.maxTurns,
      maxOutputTokens: settings.maxOutputTokens,
      temperature: settings.temperature,
    },
    ...(values.timeout === undefined ? {} : { defaultTimeoutSeconds: values.timeout }),
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = done;
    process.stdin.once('end', done);
    io.abortSignal.addEventListener('abort', () => done(), { once: true });
  });
  try {
    await instance.server.connect(transport);
    await closed;
  } finally {
    await instance.close();
    await executor.dispose();
    await toolset.close();
  }
  return 0;
}
