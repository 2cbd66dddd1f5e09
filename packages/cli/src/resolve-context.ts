import { isAbsolute, resolve } from 'node:path';
import {
  ConfigurationError,
  codeActFormat,
  createToolHost,
  type Execution,
  type Executor,
  type ExecutorSession,
  type LanguageModel,
  type Tool,
  type ToolHost,
  type TrajectoryStore,
} from '@codeact/core';
import type { PackagePolicy } from '@codeact/executors';
import type { ModelProviderRequest } from '@codeact/models';
import type { CliIo } from './cli-io.js';
import { connectCliMcp } from './cli-mcp.js';
import type { CliValues } from './cli-options.js';
import { loadToolsFiles } from './load-tools-files.js';
import { resolvePackageOptions } from './resolve-package-options.js';
import { openTrajectoryStore } from './store/open-trajectory-store.js';
import { resilientStore, withRetries } from './store/resilient-store.js';

const noModelHelp =
  'No model given. Pass --model, for example:\n' +
  '  --model openai:gpt-4o                      (with OPENAI_API_KEY set)\n' +
  '  --model anthropic:claude-sonnet-4-5        (with ANTHROPIC_API_KEY set)\n' +
  '  --model openai-compatible:qwen2.5-coder --base-url http://localhost:11434/v1   (Ollama, vLLM, llama.cpp)\n' +
  '  --model local:model.gguf                   (an embedded llama.cpp model)\n' +
  '  --model script:examples/fibonacci.jsonl    (a scripted model, no LLM needed)\n' +
  'or set CODEACT_MODEL.';

/**
 * The model spec to use: `--model`, `$CODEACT_MODEL`, else a provider whose key is set, else the
 * default embedded model (downloaded once), so a fresh machine needs no account.
 */
async function defaultModelSpec(values: CliValues, io: CliIo): Promise<string> {
  const spec = values.model ?? io.env.CODEACT_MODEL;
  if (spec) return spec;
  if (values['base-url'] ?? io.env.CODEACT_BASE_URL) throw new ConfigurationError(noModelHelp);
  if (io.env.OPENAI_API_KEY) return 'openai:gpt-4o';
  if (io.env.ANTHROPIC_API_KEY) return 'anthropic:claude-sonnet-4-5';
  const { defaultLocalModel } = await import('@codeact/model-local');
  io.stderr.write(
    `codeact: no --model and no API key: using the embedded model local:${defaultLocalModel} (about 1 GB, downloaded once; --model picks another, see codeact run --help)\n`,
  );
  return `local:${defaultLocalModel}`;
}

/** The model named by `--model` (or `$CODEACT_MODEL`); file paths are taken relative to the cwd. */
export async function resolveCliModel(values: CliValues, io: CliIo): Promise<LanguageModel> {
  const spec = await defaultModelSpec(values, io);
  const { resolveModel } = await import('@codeact/models');
  const match = /^(script|replay):(.+)$/.exec(spec);
  const absolute = match?.[1] && match[2] && !isAbsolute(match[2]) ? `${match[1]}:${resolve(io.cwd, match[2])}` : spec;
  // Always offered (so errors list it), loaded only when used.
  const providers = { local: async (request: ModelProviderRequest) => (await localProvider(io, values))(request) };
  return resolveModel(absolute, {
    baseURL: values['base-url'] ?? io.env.CODEACT_BASE_URL,
    apiKey: values['api-key'],
    env: io.env,
    cwd: io.cwd,
    providers,
  });
}

async function localProvider(io: CliIo, values: CliValues) {
  const { confirmOnTerminal, createDownloadProgressReporter, localModelProvider } = await import(
    '@codeact/model-local'
  );
  const input = io.stdin as unknown as NodeJS.ReadableStream & { isTTY?: boolean };
  return localModelProvider({
    runtime: {
      install: io.env.CODEACT_LOCAL_INSTALL === '1' || values.yes ? 'yes' : 'ask',
      confirm: confirmOnTerminal({ input, output: io.stderr as unknown as NodeJS.WritableStream }),
    },
    download: {
      onProgress: createDownloadProgressReporter(io.stderr),
      ...(io.env.CODEACT_OFFLINE === '1' ? { offline: true } : {}),
    },
    env: io.env,
  });
}

/** What `serve` sets up beyond the flags: the work root it owns, its pool and preload defaults. */
export type CliExecutorExtra = {
  readonly ownedWorkRoot?: string;
  readonly poolSize?: number;
  /** Modules preloaded when `--preload` is absent (those installed). */
  readonly defaultPreload?: readonly string[];
  readonly pyodide?: { readonly poolSize?: number };
  /** `--packages` when absent: `ask` where someone answers (chat, serve), else `deny`. */
  readonly packages?: PackagePolicy;
  /** Where relative `--packages-policy` and `--index-url` paths start. */
  readonly cwd?: string;
  /** Told when a preloaded module fails to import in the sandbox (the pool goes on without it). */
  readonly onPreloadFailed?: (failure: { readonly module: string; readonly error: string }) => void;
};

/**
 * The modules to preload: `--preload` (every one must be installed, else one clear error), else
 * what is installed of `defaults`.
 */
async function resolvePreload(values: CliValues, defaults: readonly string[]): Promise<string[]> {
  const { findInstalledModules } = await import('@codeact/executors');
  const requested = values.preload?.trim();
  if (requested === undefined) return defaults.length > 0 ? (await findInstalledModules(defaults)).installed : [];
  if (requested === 'none' || requested === '') return [];
  const names = [...new Set(requested.split(',').map((name) => name.trim()))].filter(Boolean);
  const { missing } = await findInstalledModules(names);
  if (missing.length > 0) {
    throw new ConfigurationError(
      `--preload: no module named ${missing.join(', ')} for the python interpreter: install it (e.g. \`apt-get install python3-${missing[0]?.split('.')[0]}\`) or leave it out (--preload none turns preloading off).`,
    );
  }
  return names;
}

/** The interpreter named by `--interpreter`, with a line saying why it was chosen. */
export async function resolveCliExecutor(
  values: CliValues,
  extra: CliExecutorExtra = {},
): Promise<{ executor: Executor; explanation: string }> {
  const { resolveExecutor } = await import('@codeact/executors');
  const interpreter = values.interpreter ?? 'auto';
  const cpython = interpreter === 'auto' || interpreter === 'python';
  if (!cpython && values.preload !== undefined && values.preload !== 'none') {
    throw new ConfigurationError(`--preload applies to the python interpreter only, not ${interpreter}.`);
  }
  const preload = cpython ? await resolvePreload(values, extra.defaultPreload ?? []) : [];
  return resolveExecutor({
    ...(extra.ownedWorkRoot === undefined ? {} : { ownedWorkRoot: extra.ownedWorkRoot }),
    ...(preload.length > 0 ? { preload, poolSize: extra.poolSize ?? 0 } : {}),
    ...(extra.pyodide === undefined ? {} : { pyodide: extra.pyodide }),
    ...(extra.onPreloadFailed === undefined ? {} : { onPreloadFailed: extra.onPreloadFailed }),
    packages: await resolvePackageOptions(values, extra.packages ?? 'deny', extra.cwd ?? process.cwd()),
    interpreter: interpreter as 'auto' | 'python' | 'pyodide' | `jupyter:${string}`,
    sandbox: !values['no-sandbox'],
    ...(values.timeout === undefined ? {} : { timeoutMs: values.timeout * 1000 }),
  });
}

export type CliToolset = {
  /** The tools listed (signature and docstring) in the system prompt. */
  readonly tools: readonly Tool[];
  /** Every callable tool, MCP servers' included. */
  readonly toolHost: ToolHost | undefined;
  /** The benchmark's own rendering of an execution, when it has one (used by `exec`). */
  readonly observe?: ((execution: Execution, session: ExecutorSession) => Promise<string>) | undefined;
  /** Text for the end of the system prompt (MCP server instructions, large servers' tool names). */
  readonly promptNotes?: string | undefined;
  /** Stops the MCP servers. */
  close(): Promise<void>;
};

/**
 * The tools named by `--toolset`, the `--tools` files and the MCP servers of `--mcp` /
 * `--mcp-config` (none by default).
 */
export async function resolveCliToolset(values: CliValues, io: CliIo): Promise<CliToolset> {
  const files = values.tools?.length ? await loadToolsFiles(values.tools, io.cwd) : undefined;
  const mcp = await connectCliMcp(values, io);
  try {
    const toolset = values.toolset ? await (await import('@codeact/bench')).resolveToolset(values.toolset) : undefined;
    const listed = [...(toolset?.tools ?? []), ...(files?.tools ?? []), ...(mcp?.promptTools ?? [])];
    const all = [...(toolset?.tools ?? []), ...(files?.tools ?? []), ...(mcp?.tools ?? [])];
    const prelude = [toolset?.pythonPrelude, mcp?.pythonPrelude, files?.pythonSource].filter(Boolean).join('\n');
    const notes = [files?.pythonListing, mcp?.promptNotes].filter(Boolean).join('\n');
    return {
      tools: listed,
      toolHost: all.length > 0 || prelude ? createToolHost(all, prelude ? { pythonPrelude: prelude } : {}) : undefined,
      observe: toolset?.observe,
      promptNotes: notes || undefined,
      close: async () => mcp?.close(),
    };
  } catch (error) {
    await mcp?.close();
    throw error;
  }
}

/** The system prompt when the toolset adds notes to the action format's instructions; else undefined (the default). */
export function cliSystemPrompt(toolset: CliToolset, mode: 'task' | 'chat'): string | undefined {
  if (!toolset.promptNotes) return undefined;
  return `${codeActFormat({ mode }).instructions(toolset.tools)}\n${toolset.promptNotes}\n`;
}

/**
 * The store runs and chats are saved to (`--store`, `$DATABASE_URL`, else SQLite under
 * `$CODEACT_HOME`/`~/.codeact`); undefined with `--store none`. A store that cannot be opened is
 * reported and skipped, and a write that keeps failing is reported once and dropped: the run
 * matters more than its record.
 */
export async function openCliStore(values: CliValues, io: CliIo): Promise<TrajectoryStore | undefined> {
  if (values.store === 'none') return undefined;
  try {
    // Opening writes the schema and WAL mode: another process may hold the lock for a moment.
    const store = await withRetries(() => openTrajectoryStore({ url: values.store, env: io.env }), 6, 100);
    return resilientStore(store, { warn: (message) => io.stderr.write(`codeact: ${message}\n`) });
  } catch (error) {
    io.stderr.write(`codeact: not saving trajectories: ${(error as Error).message}\n`);
    return undefined;
  }
}
