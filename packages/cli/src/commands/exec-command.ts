import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError, renderObservation } from '@codeact/core';
import { type CliIo, readAll } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { resolveCliExecutor, resolveCliToolset } from '../resolve-context.js';
import { createArtifactSaver, notePaths } from '../save-artifacts.js';

/**
 * `codeact exec FILE|-`: runs Python in the same sandbox the agent uses, with the toolset loaded,
 * and prints exactly the observation the model would see. Exit 1 when the code raised.
 */
export async function execCommand(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  const source = positionals[0];
  if (source === undefined || positionals.length > 1) {
    throw new ConfigurationError('codeact exec takes one FILE, or - to read the code from standard input.');
  }
  const code =
    source === '-'
      ? await readAll(io.stdin)
      : await readFile(resolve(io.cwd, source), 'utf8').catch(() => {
          throw new ConfigurationError(`Cannot read ${source}: no such file.`);
        });
  const toolset = await resolveCliToolset(values, io);
  // One session, no restart to hide: Pyodide boots one interpreter and fills no warm pool.
  const oneSession = { pyodide: { poolSize: 0 }, cwd: io.cwd };
  const { executor, explanation } = await resolveCliExecutor(values, oneSession).catch(async (error: unknown) => {
    await toolset.close();
    throw error;
  });
  io.stderr.write(`codeact: ${explanation}\n`);
  const session = await executor.createSession({
    tools: toolset.toolHost,
    workDir: values.workdir === undefined ? undefined : resolve(io.cwd, values.workdir),
    abortSignal: io.abortSignal,
  });
  try {
    const execution = await session.execute({
      code,
      abortSignal: io.abortSignal,
      ...(values.timeout === undefined ? {} : { timeoutMs: values.timeout * 1000 }),
    });
    const saved = createArtifactSaver(values.artifacts, io.cwd, randomUUID)?.(execution.artifacts) ?? new Map();
    const observation = notePaths(
      toolset.observe ? await toolset.observe(execution, session) : renderObservation(execution, { prefix: '' }),
      saved,
    );
    io.stdout.write(observation.endsWith('\n') ? observation : `${observation}\n`);
    return execution.error ? 1 : 0;
  } finally {
    await session.close();
    await executor.dispose();
    await toolset.close();
  }
}
