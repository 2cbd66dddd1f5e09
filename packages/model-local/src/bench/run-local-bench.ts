/**
 * `npm run bench:local`: load time, decoding speed with and without the action grammars, grammar
 * compile time and peak memory for the tiny generated model (and, with `CODEACT_BENCH_LOCAL_MODEL`
 * set to a `local:` model such as `hf:…gguf`, for that model too), written to the `## Local models`
 * section of docs/performance.md. Flags: `--quick` (fewer samples), `--no-write` (print only).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeActFormat, defineTool, generateText, jsonActionFormat, type ModelMessage } from '@codeact/core';
import { z } from 'zod';
import { compileActionGrammar } from '../grammar/action-grammar.js';
import { codeActGrammar } from '../grammar/codeact-grammar.js';
import { jsonActionGrammar } from '../grammar/marked-action-grammar.js';
import { toolSignatures } from '../grammar/tool-signatures.js';
import { createLocalModel } from '../provider/create-local-model.js';
import { disposeLocalModels } from '../provider/local-engine.js';
import { installLocalRuntime, loadLocalRuntime, nodeLlamaCppVersion } from '../runtime/local-runtime.js';
import { testRuntimeDir } from '../testing/test-runtime.js';
import { writeTinyGguf } from '../testing/write-tiny-gguf.js';

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const seeds = quick ? 3 : 10;
const maxOutputTokens = 256;
const log = (text: string) => process.stderr.write(`[bench:local] ${text}\n`);
const load = () => (loadavg()[0] ?? 0).toFixed(1);
const rssMb = () => process.memoryUsage().rss / 2 ** 20;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

function directorySizeMb(path: string): number {
  let bytes = 0;
  const visit = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) bytes += statSync(full).size;
    }
  };
  if (existsSync(path)) visit(path);
  return bytes / 2 ** 20;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

const tools = [
  defineTool({
    name: 'lookup',
    description: 'Looks a word up.',
    parameters: z.object({ word: z.string(), limit: z.number().int() }),
    execute: () => '',
  }),
  defineTool({
    name: 'add',
    description: 'Adds numbers.',
    parameters: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  }),
  defineTool({
    name: 'tag',
    description: 'Tags a text.',
    parameters: z.object({ text: z.string(), labels: z.array(z.string()).optional() }),
    execute: ({ text }) => text,
  }),
];

type DecodeRow = {
  label: string;
  threads: number;
  tokens: number;
  replies: number;
  tokensPerSecond: number;
  load: string;
};

async function measureDecode(
  model: string,
  label: string,
  grammar: 'none' | 'codeact' | 'json',
  threads: number,
  runtimeDir: string,
  replies: number = seeds,
  maxTokens: number = maxOutputTokens,
): Promise<DecodeRow> {
  const format = grammar === 'json' ? jsonActionFormat() : codeActFormat();
  const messages: ModelMessage[] = [
    { role: 'system', content: format.instructions(grammar === 'json' ? tools : []) },
    { role: 'user', content: 'What is 6 * 7?' },
  ];
  const local = createLocalModel({
    model,
    grammar,
    tools,
    threads,
    contextSize: 2048,
    temperature: 1,
    runtime: { dir: runtimeDir, install: 'no' },
  });
  await local.load();
  // Warm up: the first call evaluates the prompt and compiles the grammar.
  await generateText(local, { messages, maxOutputTokens: 8, stopSequences: format.stopSequences });
  let tokens = 0;
  let ms = 0;
  for (let seed = 1; seed <= replies; seed++) {
    const seeded = createLocalModel({
      model,
      grammar,
      tools,
      threads,
      contextSize: 2048,
      temperature: 1,
      seed,
      runtime: { dir: runtimeDir, install: 'no' },
    });
    const started = performance.now();
    for await (const part of seeded.doStream({
      messages,
      maxOutputTokens: maxTokens,
      stopSequences: format.stopSequences,
    })) {
      if (part.type === 'finish') tokens += part.usage.outputTokens ?? 0;
    }
    ms += performance.now() - started;
  }
  return { label, threads, tokens, replies, tokensPerSecond: (tokens / ms) * 1000, load: load() };
}

function replaceSection(document: string, heading: string, section: string): string {
  const lines = document.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start === -1) return `${document.trimEnd()}\n\n${section.trimEnd()}\n`;
  let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  if (end === -1) end = lines.length;
  const after = lines.slice(end);
  return [
    ...lines.slice(0, start),
    ...section.trimEnd().split('\n'),
    ...(after.length > 0 ? ['', ...after] : ['']),
  ].join('\n');
}

async function main(): Promise<void> {
  const runtimeDir = testRuntimeDir();
  const loadBefore = load();
  log(`runtime in ${runtimeDir}`);
  const install = await timed(() => installLocalRuntime({ dir: runtimeDir }));
  const runtimeMb = directorySizeMb(runtimeDir);
  const dir = await mkdtemp(join(tmpdir(), 'codeact-bench-local-'));
  const modelPath = await writeTinyGguf(join(dir, 'tiny.gguf'), { seed: 1 });
  const modelMb = statSync(modelPath).size / 2 ** 20;
  try {
    const rssStart = rssMb();
    log('load stages');
    const imported = await timed(() => loadLocalRuntime({ dir: runtimeDir, install: 'no' }));
    const module = imported.value;
    const llama = await timed(() =>
      module.getLlama({
        build: 'never',
        gpu: false,
        maxThreads: 1,
        progressLogs: false,
        skipDownload: true,
        logLevel: 'error',
        logger: () => {},
      }),
    );
    const loaded = await timed(() => llama.value.loadModel({ modelPath }));
    const context = await timed(() => loaded.value.createContext({ contextSize: 2048, threads: 1, sequences: 1 }));
    const template = await timed(async () =>
      module.resolveChatWrapper(loaded.value, { warningLogs: false, fallbackToOtherWrappersOnJinjaError: true }),
    );
    await context.value.dispose();
    await loaded.value.dispose();
    await llama.value.dispose();

    log('grammar compile');
    const stops = codeActFormat().stopSequences;
    const compileCodeAct = await timed(async () => compileActionGrammar(codeActGrammar(), stops));
    const compileJson = await timed(async () =>
      compileActionGrammar(jsonActionGrammar({ tools: toolSignatures(tools) })),
    );
    const compileJsonAny = await timed(async () => compileActionGrammar(jsonActionGrammar()));

    log('first load through the provider');
    const first = await timed(() =>
      createLocalModel({
        model: modelPath,
        threads: 1,
        contextSize: 2048,
        runtime: { dir: runtimeDir, install: 'no' },
      }).load(),
    );
    const rssLoaded = rssMb();

    const rows: DecodeRow[] = [];
    for (const [label, grammar] of [
      ['no grammar', 'none'],
      ['CodeAct grammar', 'codeact'],
      ['JSON action grammar (3 tools)', 'json'],
    ] as const) {
      log(`decode: ${label}`);
      rows.push(await measureDecode(modelPath, label, grammar, 1, runtimeDir));
    }
    // A second thread on 2 shared cores is so slow that a few short replies show it.
    log('decode: no grammar, 2 threads');
    rows.push(await measureDecode(modelPath, 'no grammar', 'none', 2, runtimeDir, 2, 32));
    const extra = process.env.CODEACT_BENCH_LOCAL_MODEL?.trim();
    const extraRows: DecodeRow[] = [];
    if (extra) {
      for (const [label, grammar] of [
        ['no grammar', 'none'],
        ['CodeAct grammar', 'codeact'],
      ] as const) {
        log(`decode ${extra}: ${label}`);
        extraRows.push(await measureDecode(extra, label, grammar, 1, runtimeDir));
      }
    }
    await disposeLocalModels();
    const peak = peakRssMb();
    const cpu = cpus()[0]?.model.trim() ?? 'unknown';
    const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
    const decodeTable = (table: DecodeRow[]) =>
      [
        '| decoding | threads | tokens / replies | tokens/s | 1-min load |',
        '|---|---|---|---|---|',
        ...table.map(
          (row) =>
            `| ${row.label} | ${row.threads} | ${row.tokens} / ${row.replies} | ${Math.round(row.tokensPerSecond)} | ${row.load} |`,
        ),
      ].join('\n');
    const report = `## Local models

\`npm run bench:local\` measures the local backend (\`@codeact/model-local\`, node-llama-cpp ${nodeLlamaCppVersion}, prebuilt CPU binary) on the tiny random-weight GGUF the tests generate (${modelMb.toFixed(2)} MB, 121 K parameters, F32, 310-token vocabulary). Figures are for the machinery, not for a real model: with a 121 K-parameter model almost all the time is llama.cpp's per-token overhead and the grammar. Source: \`packages/model-local/src/bench/run-local-bench.ts\`; set \`CODEACT_BENCH_LOCAL_MODEL=hf:<owner>/<repo>/<file>.gguf\` to add a real model.

Machine: ${cpus().length} cores (${cpu}), Node ${process.version}. Shared with other jobs; 1-minute load ${loadBefore} at the start, ${load()} at the end.

**Install.** The runtime (node-llama-cpp plus \`@node-llama-cpp/linux-x64\`, \`--omit=optional\`) takes ${Math.round(runtimeMb)} MB on disk${install.ms > 2000 ? `; this run installed it in ${(install.ms / 1000).toFixed(1)} s` : ' (already installed for this run; a cold install took 8–20 s here)'}. The default \`npm install\` of node-llama-cpp would add 725 MB of CUDA, Vulkan and ARM builds.

**Load** (cold, in order):

| stage | time |
|---|---|
| import node-llama-cpp from the runtime directory | ${ms(imported.ms)} |
| \`getLlama\` (load and test the prebuilt binary, no network) | ${ms(llama.ms)} |
| \`loadModel\` (tiny GGUF) | ${ms(loaded.ms)} |
| \`createContext\` (2048 tokens) | ${ms(context.ms)} |
| chat template from the GGUF (Jinja → ChatML) | ${ms(template.ms)} |
| whole first \`load()\` through the provider, runtime already imported | ${ms(first.ms)} |

**Grammar compile** (once per process and stop-sequence set): CodeAct ${ms(compileCodeAct.ms)} (${compileCodeAct.value.gbnf.split('\n').length} GBNF rules), JSON action with 3 tools ${ms(compileJson.ms)} (${compileJson.value.gbnf.split('\n').length} rules), JSON action with any tool ${ms(compileJsonAny.ms)} (${compileJsonAny.value.gbnf.split('\n').length} rules).

**Decoding** (temperature 1, up to ${maxOutputTokens} tokens per reply, 32 in the 2-thread row; prompt = the format's system prompt (about 740 tokens, reused from the KV cache after the first reply) + one question; the format's stop sequences; tokens/s = output tokens / wall time, grammar included):

${decodeTable(rows)}
${extraRows.length > 0 ? `\n${extra}:\n\n${decodeTable(extraRows)}\n` : ''}
**Memory.** RSS ${Math.round(rssStart)} MB before loading, ${Math.round(rssLoaded)} MB with the model loaded, peak ${Math.round(peak)} MB for the whole run.

Reading: on this model the grammar costs little, because llama.cpp checks it against only 310 candidate tokens; with a 150 K-token vocabulary (Qwen2.5) the check runs against many more candidates per step, so expect a larger relative cost there. One thread is the default on machines with up to 2 cores: the last row shows what a second thread does to this 2-core machine (ggml's spinning thread barriers against Node and the other jobs).
`;
    process.stdout.write(report);
    if (write) {
      const path = fileURLToPath(new URL('../../../../docs/performance.md', import.meta.url));
      const document = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
      writeFileSync(path, replaceSection(document, 'Local models', report));
      log(`wrote ${path}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
