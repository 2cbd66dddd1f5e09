import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToolHost, type ModelCallOptions, type Tool } from '@codeact/core';
import { modelResponder, ScriptedModel } from '@codeact/core/testing';
import { type PackageOptions, resolveExecutor } from '@codeact/executors';
import {
  createInterpreterCatalog,
  createMemoryLogger,
  createModelCatalog,
  type RunningServer,
  startServer,
} from '@codeact/server';
import { createSqliteTrajectoryStore } from '@codeact/store-sqlite';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

type MemoryLogger = ReturnType<typeof createMemoryLogger>;

const webRoot = fileURLToPath(new URL('../../', import.meta.url));
const distRoot = join(webRoot, 'dist');

/** Where screenshots for docs/ go when refreshed with UPDATE_SCREENSHOTS=1. */
export const docsScreenshots = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));
export const token = 'e2e-token-0123456789abcdefghijklmnop';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the web app once if `dist/` is missing, then starts the system Chromium. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(distRoot, 'index.html'))) {
    const { build } = await import('vite');
    await build({ root: webRoot, logLevel: 'silent', configFile: join(webRoot, 'vite.config.ts') });
  }
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
}

/** A scripted model the server offers: `respond` answers each call (it may wait, e.g. until aborted). */
export type TestModel = {
  readonly id: string;
  readonly respond: (call: ModelCallOptions) => string | Promise<string>;
};

export type TestServer = { readonly running: RunningServer; readonly logs: MemoryLogger; close(): Promise<void> };

/** The real server over SQLite in `dataDir`, CPython under bubblewrap, serving the built web app. */
export async function startTestServer(options: {
  readonly dataDir: string;
  readonly models: readonly TestModel[];
  readonly logs?: MemoryLogger;
  /** Host tools every conversation's code can call. */
  readonly tools?: readonly Tool[];
  /** Packages on demand for CPython, read when the interpreter is first needed. Default: none (deny). */
  readonly packages?: () => PackageOptions;
}): Promise<TestServer> {
  const store = createSqliteTrajectoryStore({ path: join(options.dataDir, 'codeact.db') });
  const logs = options.logs ?? createMemoryLogger();
  const running = await startServer({
    store,
    models: createModelCatalog(
      options.models.map(({ id, respond }) => ({
        id,
        model: new ScriptedModel({
          steps: Array.from({ length: 40 }, () => modelResponder(respond)),
          modelId: id.replace(/^script:/, ''),
        }),
      })),
    ),
    interpreters: createInterpreterCatalog([
      {
        id: 'python',
        label: 'CPython (bubblewrap)',
        create: () => resolveExecutor({ interpreter: 'python', packages: options.packages?.() }),
      },
    ]),
    workRoot: join(options.dataDir, 'workdirs'),
    tokens: [{ token }],
    logger: logs,
    webRoot: distRoot,
    port: 0,
    ...(options.tools ? { tools: { toolHost: createToolHost([...options.tools]), listed: options.tools } } : {}),
  });
  return {
    running,
    logs,
    async close() {
      await running.close();
      await store.close();
    },
  };
}

/** Opens the app (signing in with `#token=` when given) and waits for the conversation list. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('conversation-list').waitFor({ state: 'attached' });
}

/** The user's last prompt (without the server's upload notes) and how many replies it already got. */
export function promptAndStep(call: ModelCallOptions): { prompt: string; step: number } {
  const messages = call.messages;
  let promptIndex = messages.length - 1;
  while (promptIndex >= 0) {
    const message = messages[promptIndex];
    if (message?.role === 'user' && !message.content.startsWith('Observation:')) break;
    promptIndex -= 1;
  }
  const prompt = (messages[promptIndex]?.content ?? '')
    .replace(/^\[Note:[^\]]*\]\n\n/, '')
    .replace(/\n\n\[Uploaded[^\]]*\]$/, '');
  const step = messages.slice(promptIndex + 1).filter((message) => message.role === 'assistant').length;
  return { prompt, step };
}

/** Answers from a script keyed by prompt: the n-th reply to a prompt is `script[prompt][n]`. */
export function scriptedReplies(script: Readonly<Record<string, readonly string[]>>): TestModel['respond'] {
  return (call) => {
    const { prompt, step } = promptAndStep(call);
    const reply = script[prompt]?.[step];
    if (reply === undefined) throw new Error(`no scripted reply for ${JSON.stringify(prompt)} step ${step}`);
    return reply;
  };
}

/**
 * For a test file: a temporary data dir, Chromium and one server for all its tests, started before
 * them and removed after. The fields are set once `beforeAll` has run.
 */
export function useTestServer(
  prefix: string,
  options: Omit<Parameters<typeof startTestServer>[0], 'dataDir'>,
): { readonly dataDir: string; readonly browser: Browser; readonly server: TestServer } {
  const state = {} as { dataDir: string; browser: Browser; server: TestServer };
  beforeAll(async () => {
    state.dataDir = await mkdtemp(join(tmpdir(), `codeact-e2e-${prefix}-`));
    state.browser = await launchBrowser();
    state.server = await startTestServer({ dataDir: state.dataDir, ...options });
  }, 60_000);
  afterAll(async () => {
    await state.server?.close();
    await state.browser?.close();
    if (state.dataDir) await rm(state.dataDir, { recursive: true, force: true });
  });
  return state;
}
