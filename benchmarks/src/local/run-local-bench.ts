/**
 * `npm run bench:local`: load time, decoding speed with and without the action grammars, grammar
 * compile time and peak memory for the tiny generated model (and, with `CODEACT_BENCH_LOCAL_MODEL`
 * set to a `local:` model such as `hf:…gguf`, for that model too), written to the `## Local models`
 * section of docs/performance.md. Flags: `--quick` (fewer samples), `--no-write` (print only).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeActFormat, defineTool, generateText, jsonActionFormat, type ModelMessage } from '@codeact/core';
import {
  codeActGrammar,
  compileActionGrammar,
  createLocalModel,
  disposeLocalModels,
  installLocalRuntime,
  jsonActionGrammar,
  loadLocalRuntime,
  nodeLlamaCppVersion,
  toolSignatures,
} from '@codeact/model-local';
import { testRuntimeDir, writeTinyGguf } from '@codeact/model-local/testing';
import { z } from 'zod';
import { performanceDocPath, writePerformanceSection } from '../report/write-performance-section.js';

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
  /** Output tokens after the first, per second between the first and the last streamed text. */
  decodePerSecond: number;
  /** Median time from the call to its first text. */
  firstTextMs: number;
  /** Output tokens / wall time of whole calls. */
  tokensPerSecond: number;
  load: string;
};

type DecodeConfig = { readonly label: string; readonly grammar: 'none' | 'codeact' | 'json' };

/** Decodes `replies` seeded replies per configuration, interleaving configurations so load drift hits all alike. */
async function measureDecode(
  model: string,
  configs: readonly DecodeConfig[],
  threads: number,
  runtimeDir: string,
  replies: number = seeds,
  maxTokens: number = maxOutputTokens,
): Promise<DecodeRow[]> {
  const setups = configs.map((config) => {
    const format = config.grammar === 'json' ? jsonActionFormat() : codeActFormat();
    const messages: ModelMessage[] = [
      { role: 'system', content: format.instructions(config.grammar === 'json' ? tools : []) },
      { role: 'user', content: 'What is 6 * 7?' },
    ];
    const totals = { tokens: 0, ms: 0, decodeTokens: 0, decodeMs: 0, firstTexts: [] as number[], load: '' };
    return { config, format, messages, totals };
  });
  // One context per configuration (a different size makes a separate engine), so each keeps its prompt cached.
  const settings = (grammar: DecodeConfig['grammar'], index: number, seed?: number) => ({
    model,
    grammar,
    tools,
    threads,
    contextSize: 2048 + index,
    temperature: 1,
    ...(seed === undefined ? {} : { seed }),
    runtime: { dir: runtimeDir, install: 'no' as const },
  });
  for (const [index, { config, format, messages }] of setups.entries()) {
    // Warm up: load, compile the grammar, evaluate the prompt once.
    await generateText(createLocalModel(settings(config.grammar, index)), {
      messages,
      maxOutputTokens: 8,
      stopSequences: format.stopSequences,
    });
  }
  for (let seed = 1; seed <= replies; seed++) {
    for (const [index, { config, format, messages, totals }] of setups.entries()) {
      const started = performance.now();
      let first: number | undefined;
      let last = started;
      for await (const part of createLocalModel(settings(config.grammar, index, seed)).doStream({
        messages,
        maxOutputTokens: maxTokens,
        stopSequences: format.stopSequences,
      })) {
        if (part.type === 'text-delta') {
          last = performance.now();
          first ??= last;
        } else {
          const count = part.usage.outputTokens ?? 0;
          totals.tokens += count;
          if (first !== undefined && count > 1) {
            totals.decodeTokens += count - 1;
            totals.decodeMs += last - first;
          }
        }
      }
      totals.ms += performance.now() - started;
      totals.firstTexts.push((first ?? last) - started);
      totals.load = load();
    }
  }
  return setups.map(({ config, totals }) => {
    const sorted = [...totals.firstTexts].sort((a, b) => a - b);
    return {
      label: config.label,
      threads,
      tokens: totals.tokens,
      replies,
      decodePerSecond: (totals.decodeTokens / totals.decodeMs) * 1000,
      firstTextMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      tokensPerSecond: (totals.tokens / totals.ms) * 1000,
      load: totals.load,
    };
  });
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

    log('decode: tiny model');
    const rows: DecodeRow[] = await measureDecode(
      modelPath,
      [
        { label: 'no grammar', grammar: 'none' },
        { label: 'CodeAct grammar', grammar: 'codeact' },
        { label: 'JSON action grammar (3 tools)', grammar: 'json' },
      ],
      1,
      runtimeDir,
    );
    const peakTiny = peakRssMb();
    log('decode: tiny model with a Qwen2.5-sized vocabulary');
    const bigVocabulary = await writeTinyGguf(join(dir, 'tiny-152k.gguf'), { seed: 1, vocabularySize: 151_936 });
    rows.push(
      ...(await measureDecode(
        bigVocabulary,
        [
          { label: 'no grammar, 152 K vocabulary', grammar: 'none' },
          { label: 'CodeAct grammar, 152 K vocabulary', grammar: 'codeact' },
          { label: 'JSON action grammar, 152 K vocabulary', grammar: 'json' },
        ],
        1,
        runtimeDir,
        Math.max(3, seeds / 2),
      )),
    );
    // A second thread on 2 shared cores is so slow that a few short replies show it.
    log('decode: no grammar, 2 threads');
    rows.push(...(await measureDecode(modelPath, [{ label: 'no grammar', grammar: 'none' }], 2, runtimeDir, 2, 32)));
    const extra = process.env.CODEACT_BENCH_LOCAL_MODEL?.trim();
    let extraRows: DecodeRow[] = [];
    if (extra) {
      log(`decode: ${extra}`);
      extraRows = await measureDecode(
        extra,
        [
          { label: 'no grammar', grammar: 'none' },
          { label: 'CodeAct grammar', grammar: 'codeact' },
        ],
        1,
        runtimeDir,
        3,
      );
    }
    await disposeLocalModels();
    const peak = peakRssMb();
    const perToken = (label: string) => 1000 / (rows.find((row) => row.label === label)?.decodePerSecond ?? Number.NaN);
    const grammarMs = (label: string) => (perToken(label) - perToken('no grammar, 152 K vocabulary')).toFixed(1);
    const cpu = cpus()[0]?.model.trim() ?? 'unknown';
    const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
    const decodeTable = (table: DecodeRow[]) =>
      [
        '| decoding | threads | replies | output tokens | decode tokens/s | first text (median) | whole calls, tokens/s | 1-min load |',
        '|---|---|---|---|---|---|---|---|',
        ...table.map(
          (row) =>
            `| ${row.label} | ${row.threads} | ${row.replies} | ${row.tokens} | ${Math.round(row.decodePerSecond)} | ${ms(row.firstTextMs)} | ${Math.round(row.tokensPerSecond)} | ${row.load} |`,
        ),
      ].join('\n');
    const report = `## Local models

\`npm run bench:local\` measures the local backend (\`@codeact/model-local\`, node-llama-cpp ${nodeLlamaCppVersion}, prebuilt CPU binary) on the tiny random-weight GGUF the tests generate (${modelMb.toFixed(2)} MB, 121 K parameters, F32, 310-token vocabulary), and on the same model with its vocabulary padded to Qwen2.5's 151,936 tokens (${Math.round(statSync(join(dir, 'tiny-152k.gguf')).size / 2 ** 20)} MB), because llama.cpp checks the grammar against every candidate token. Figures are for the machinery, not for a real model: with a 121 K-parameter model almost all the time is llama.cpp's per-token overhead and the grammar. Source: \`benchmarks/src/local/run-local-bench.ts\`; set \`CODEACT_BENCH_LOCAL_MODEL=hf:<owner>/<repo>/<file>.gguf\` to add a real model.

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

**Decoding** (temperature 1, up to ${maxOutputTokens} tokens per reply, 32 in the 2-thread row; prompt = the format's system prompt (about 740 tokens, reused from the KV cache after the first reply) + one question; the format's stop sequences. *Decode tokens/s* counts the tokens after the first over the time from the first to the last streamed text, so it excludes prompt handling and per-call overhead; *whole calls* divides all output tokens by the calls' wall time. Without the grammar the random model often emits a closing tag or end of turn within a few tokens, so its replies are short and per-call overhead dominates its whole-call figure):

${decodeTable(rows)}
${extraRows.length > 0 ? `\n${extra}:\n\n${decodeTable(extraRows)}\n` : ''}
**Memory.** RSS ${Math.round(rssStart)} MB before loading, ${Math.round(rssLoaded)} MB with the tiny model loaded (runtime, binary, model and a 2048-token context); peak ${Math.round(peakTiny)} MB while decoding with the tiny model (three contexts, one per row); peak ${Math.round(peak)} MB for the whole run, which also loads the 152 K-vocabulary model three times.

Reading: with 310 candidate tokens the grammar costs nothing measurable. With a Qwen2.5-sized vocabulary llama.cpp checks it against 152 K candidates per step, which adds about ${grammarMs('CodeAct grammar, 152 K vocabulary')} ms per token for the CodeAct grammar and ${grammarMs('JSON action grammar, 152 K vocabulary')} ms for the JSON one (the difference in time per token between the 152 K rows). That is a fixed cost per token, to set against the time per token of the real model you run, which is far larger than the tiny model's. One thread is the default on machines with up to 2 cores: the last row shows what a second thread does to this 2-core machine (ggml's spinning thread barriers against Node and the other jobs).
`;
    process.stdout.write(report);
    if (write) {
      writePerformanceSection('Local models', report);
      log(`wrote ${performanceDocPath}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
