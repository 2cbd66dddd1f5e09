import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '@codeact/core';
import { pyodideLimits, workRootWarning } from '@codeact/executors';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { resolveCliExecutor, resolveCliModel, resolveCliToolset } from '../resolve-context.js';
import { webAssetDir } from '../web-asset-dir.js';
import { agentSettings } from './agent-settings.js';

/** The flags only `serve` reads (declared in the lead's option table; typed here so this file stands alone). */
export type ServeValues = CliValues & {
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly token?: string | undefined;
  readonly 'allow-remote'?: boolean | undefined;
  readonly 'data-dir'?: string | undefined;
};

const interpreterLabels: Record<string, string> = {
  python: 'CPython (bubblewrap)',
  pyodide: 'Pyodide (WebAssembly, standard library only)',
};

/**
 * `codeact serve`: the chat UI and its API on 127.0.0.1 (a non-loopback `--host` needs
 * `--allow-remote`). Conversations persist in SQLite under `--data-dir`; each gets its own sandboxed
 * interpreter and work dir. Every API call needs the access token, printed at start unless it came
 * from `--token` or `$CODEACT_TOKEN`. Runs until Ctrl-C.
 */
export async function serveCommand(values: ServeValues, _positionals: string[], io: CliIo): Promise<number> {
  const { createInterpreterCatalog, createLogger, createModelCatalog, generateAccessToken, startServer } = await import(
    '@codeact/server'
  );
  const { createSqliteTrajectoryStore } = await import('@codeact/store-sqlite');

  const specs = (values.model ?? io.env.CODEACT_MODEL ?? '')
    .split(',')
    .map((spec) => spec.trim())
    .filter(Boolean);
  if (specs.length === 0) await resolveCliModel(values, io); // throws the "no model" help
  const models = createModelCatalog(
    specs.map((spec) => ({ id: spec, model: () => resolveCliModel({ ...values, model: spec }, io) })),
  );

  const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.CODEACT_HOME ?? join(homedir(), '.codeact'));
  // The server owns its conversations' work dirs, so the sandbox may be given them; CPython sessions
  // come from a warm pool of sandboxes with the scientific stack imported (`--preload`, `--pool-size`).
  // Packages on demand are asked of the user in the UI's approval dialog unless --packages says otherwise.
  const { scientificPreload } = await import('@codeact/executors');
  const sandboxDirs = {
    ownedWorkRoot: join(dataDir, 'workdirs'),
    poolSize: values['pool-size'] ?? 4,
    defaultPreload: scientificPreload,
    packages: 'ask' as const,
    cwd: io.cwd,
    onPreloadFailed: (failure: { module: string; error: string }) =>
      io.stderr.write(
        `codeact: --preload: ${failure.module} did not import in the sandbox (${failure.error}); going on without it\n`,
      ),
  };
  const requested = values.interpreter ?? 'auto';
  const automatic =
    requested === 'auto' ? await resolveCliExecutor({ ...values, interpreter: 'auto' }, sandboxDirs) : undefined;
  const defaultInterpreter = automatic?.executor.executorId ?? requested;
  // A remote Jupyter server (`--interpreter jupyter:URL`) joins the local interpreters, as the default.
  const remote = requested.startsWith('jupyter:') ? [requested] : [];
  const interpreters = createInterpreterCatalog(
    ['python', 'pyodide', ...remote].map((id) => ({
      id,
      label: interpreterLabels[id] ?? (id.startsWith('jupyter:') ? `Jupyter kernel (${id.slice(8)})` : id),
      create: async () =>
        automatic && automatic.executor.executorId === id
          ? automatic
          : resolveCliExecutor(
              { ...values, interpreter: id, ...(id === 'python' ? {} : { preload: 'none' }) },
              sandboxDirs,
            ),
      ...(id === 'pyodide' && defaultInterpreter !== 'pyodide'
        ? {
            describe: async () => ({
              available: true,
              description: `Pyodide (CPython in WebAssembly) in a child process with an empty environment; starts on first use. ${pyodideLimits}.`,
            }),
          }
        : {}),
    })),
    defaultInterpreter,
  );

  const token = values.token ?? io.env.CODEACT_TOKEN ?? generateAccessToken();
  if (token.length < 16) throw new ConfigurationError('The access token must have at least 16 characters.');
  const store = createSqliteTrajectoryStore({ path: join(dataDir, 'codeact.db') });
  const secrets = [token, values['api-key']].filter((secret): secret is string => Boolean(secret));
  const logger = createLogger({ write: (line) => io.stderr.write(line), secrets: () => secrets });
  const settings = agentSettings(values);

  const toolset = await resolveCliToolset(values, io);
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer({
      store,
      models,
      interpreters,
      workRoot: sandboxDirs.ownedWorkRoot,
      webRoot: webAssetDir,
      tokens: [{ token, user: 'local' }],
      logger,
      host: values.host ?? '127.0.0.1',
      port: values.port ?? 8700,
      allowRemote: Boolean(values['allow-remote']),
      ...(toolset.toolHost
        ? { tools: { toolHost: toolset.toolHost, listed: toolset.tools, promptNotes: toolset.promptNotes } }
        : {}),
      agent: {
        maxTurns: settings.maxTurns,
        maxOutputTokens: settings.maxOutputTokens,
        temperature: settings.temperature,
        actionTimeoutMs: settings.actionTimeoutMs,
        timeLimitMs: settings.timeLimitMs ?? 10 * 60_000,
        secrets,
      },
    });
  } catch (error) {
    await store.close();
    await interpreters.dispose();
    await toolset.close();
    throw error;
  }

  const fromUser = values.token !== undefined || io.env.CODEACT_TOKEN !== undefined;
  if (automatic) io.stderr.write(`codeact: ${automatic.explanation}\n`);
  if (defaultInterpreter === 'python') {
    const warning = await workRootWarning(sandboxDirs.ownedWorkRoot);
    if (warning) io.stderr.write(`codeact: warning: ${warning}\n`);
  }
  io.stderr.write(`codeact: conversations in ${join(dataDir, 'codeact.db')}; models: ${specs.join(', ')}\n`);
  io.stderr.write(
    fromUser
      ? `codeact: serving on ${running.url}/ (access token from ${values.token !== undefined ? '--token' : '$CODEACT_TOKEN'})\n`
      : `codeact: serving on ${running.url}/\ncodeact: open ${running.url}/#token=${token}\ncodeact: access token: ${token}\n`,
  );
  io.stdout.write(`${running.url}/\n`);

  await new Promise<void>((done) => {
    if (io.abortSignal.aborted) done();
    else io.abortSignal.addEventListener('abort', () => done(), { once: true });
  });
  io.stderr.write('codeact: shutting down\n');
  await running.close();
  await store.close();
  await toolset.close();
  return 0;
}
