import { ConfigurationError, type CreateSessionOptions, type Executor, ExecutorUnavailableError } from '@codeact/core';
import { JupyterSession, type JupyterSessionSettings } from './jupyter-session.js';
import { KernelClient } from './kernel-client.js';

export type JupyterExecutorOptions = {
  /** The Jupyter Server, Kernel Gateway or Enterprise Gateway, e.g. `http://gateway:8888`; a `?token=` is used and removed. */
  readonly url: string;
  /** Default: the URL's `token`, else `$CODEACT_JUPYTER_TOKEN`. */
  readonly token?: string | undefined;
  /** Kernel spec name. Default `python3`. */
  readonly kernelName?: string | undefined;
  /** Per action. Default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** How long an interrupted cell may take to stop before the kernel is restarted. Default 3 s. */
  readonly interruptGraceMs?: number | undefined;
  /** Cap on captured stdout + stderr per action. Default 1 MiB. */
  readonly maxOutputBytes?: number | undefined;
  /** How long a kernel may take to start and load the prelude. Default 60 s. */
  readonly startTimeoutMs?: number | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
};

type ServerLocation = {
  readonly baseUrl: string;
  readonly wsUrl: string;
  readonly token: string;
  readonly display: string;
};

/** Splits `http://host:8888/prefix/?token=…` into the REST and WebSocket bases and the token. */
export function jupyterServerLocation(
  url: string,
  token: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ServerLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(
      `jupyter:${url} is not a URL; use --interpreter jupyter:http://HOST:8888 (token in $CODEACT_JUPYTER_TOKEN).`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigurationError(`jupyter:${url} must be an http:// or https:// URL of a Jupyter server or gateway.`);
  const fromUrl = parsed.searchParams.get('token') ?? undefined;
  parsed.search = '';
  parsed.hash = '';
  const baseUrl = parsed.toString().replace(/\/?$/, '/');
  return {
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, 'ws'),
    token: token ?? fromUrl ?? env.CODEACT_JUPYTER_TOKEN ?? '',
    display: baseUrl,
  };
}

/**
 * Sessions in kernels of a remote Jupyter Server / Kernel Gateway / Enterprise Gateway, through
 * `@jupyterlab/services` (REST + WebSocket). Each session is its own kernel, started on open and shut
 * down on close. Tool calls travel back to this host over the kernel's stdin channel, so tool code and
 * credentials never reach the kernel's machine. Isolation is the gateway's (container, pod); there
 * is no local sandbox.
 *
 * @example
 * const executor = await createJupyterExecutor({ url: 'http://127.0.0.1:8888', token: process.env.CODEACT_JUPYTER_TOKEN });
 */
export async function createJupyterExecutor(options: JupyterExecutorOptions): Promise<Executor> {
  const location = jupyterServerLocation(options.url, options.token, options.env ?? process.env);
  const kernelName = options.kernelName ?? 'python3';
  const settings: JupyterSessionSettings = {
    timeoutMs: options.timeoutMs ?? 30_000,
    interruptGraceMs: options.interruptGraceMs ?? 3000,
    maxOutputBytes: options.maxOutputBytes ?? 1024 * 1024,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
  };
  const client = new KernelClient();
  try {
    await client.request('connect', { baseUrl: location.baseUrl, wsUrl: location.wsUrl, token: location.token });
  } catch (error) {
    await client.dispose();
    throw new ExecutorUnavailableError(
      `Cannot reach the Jupyter server at ${location.display} (${(error as Error).message}); check the URL and $CODEACT_JUPYTER_TOKEN.`,
    );
  }
  const sessions = new Set<JupyterSession>();
  return {
    specificationVersion: 'v1',
    executorId: 'jupyter',
    description: `Jupyter kernel ${kernelName} on ${location.display} (isolation is the server's; tools run on this host)`,
    async createSession(sessionOptions: CreateSessionOptions = {}) {
      sessionOptions.abortSignal?.throwIfAborted();
      let session: JupyterSession;
      try {
        session = await JupyterSession.open(client, kernelName, sessionOptions.tools, settings);
      } catch (error) {
        throw new ExecutorUnavailableError(
          `Cannot start a ${kernelName} kernel on ${location.display}: ${(error as Error).message}`,
        );
      }
      sessions.add(session);
      const close = session.close.bind(session);
      session.close = async () => {
        sessions.delete(session);
        await close();
      };
      return session;
    },
    async dispose() {
      await Promise.all([...sessions].map((session) => session.close()));
      await client.dispose();
    },
  };
}
