import { packageOptions } from './cli-package-options.js';

/** Every command of the `codeact` binary. */
export const commandNames = ['run', 'chat', 'exec', 'bench', 'serve', 'data', 'worker', 'mcp'] as const;
export type CommandName = (typeof commandNames)[number];

type OptionSpec = {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly description: string;
  /** Shown in help; the value itself is applied by the command. */
  readonly defaultText?: string;
  readonly commands: readonly CommandName[];
  /** For number options: parsed and checked as a positive number. */
  readonly number?: boolean;
  readonly choices?: readonly string[];
  /** Also accepted: values starting with one of these (`jupyter:` followed by a URL). */
  readonly choicePrefixes?: readonly string[];
  /** Repeatable: the value is the list of every occurrence. */
  readonly multiple?: boolean;
};

const agentCommands: readonly CommandName[] = ['run', 'chat', 'bench', 'serve', 'data', 'mcp'];
const sandboxCommands: readonly CommandName[] = ['run', 'chat', 'exec', 'bench', 'serve', 'data', 'worker', 'mcp'];

/**
 * The one declaration of every flag: parsing, validation and `--help` all come from this table.
 */
export const cliOptions = {
  model: {
    type: 'string',
    short: 'm',
    description:
      'Model: openai:NAME, anthropic:NAME, openai-compatible:NAME (with --base-url), ollama:NAME, lmstudio:NAME, vllm:NAME, llamacpp:NAME, openrouter:NAME, script:FILE.jsonl, replay:DIR, local:FILE.gguf, local:hf:OWNER/REPO/FILE.gguf (serve takes a comma-separated list)',
    defaultText: '$CODEACT_MODEL',
    commands: agentCommands,
  },
  'base-url': {
    type: 'string',
    description: 'OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio, OpenRouter)',
    defaultText: '$CODEACT_BASE_URL',
    commands: [...agentCommands, 'worker'],
  },
  'api-key': {
    type: 'string',
    description: 'API key (default: the provider env var, e.g. OPENAI_API_KEY)',
    commands: [...agentCommands, 'worker'],
  },
  interpreter: {
    type: 'string',
    short: 'i',
    description:
      'Python interpreter: python (CPython under bubblewrap), pyodide, auto, or jupyter:URL (kernels on a Jupyter server or gateway; token in $CODEACT_JUPYTER_TOKEN)',
    defaultText: 'auto',
    choices: ['auto', 'python', 'pyodide'],
    choicePrefixes: ['jupyter:'],
    commands: sandboxCommands,
  },
  'no-sandbox': {
    type: 'boolean',
    description: 'Run CPython without bubblewrap (only for trusted code on hosts without bwrap)',
    commands: sandboxCommands,
  },
  ...packageOptions,
  preload: {
    type: 'string',
    description: 'Modules each CPython interpreter imports before the first action (comma-separated), or none',
    defaultText: 'serve: numpy,pandas,matplotlib,sklearn (those installed); run, chat, exec: none',
    commands: ['run', 'chat', 'exec', 'serve'],
  },
  'pool-size': {
    type: 'string',
    number: true,
    description: 'Preloaded sandboxes kept ready',
    defaultText: '4',
    commands: ['serve'],
  },
  workdir: {
    type: 'string',
    description: 'Host directory mounted as the sandbox working directory',
    defaultText: 'a fresh temporary directory',
    commands: ['run', 'chat', 'exec', 'mcp'],
  },
  toolset: {
    type: 'string',
    short: 't',
    description: 'Tools to load, e.g. m3tooleval:<task id>',
    commands: ['run', 'chat', 'exec'],
  },
  mcp: {
    type: 'string',
    multiple: true,
    description:
      'MCP server whose tools become Python functions NAME.tool(...): NAME=COMMAND [ARGS…] (stdio) or NAME=https://…/mcp (bearer token from $NAME_MCP_TOKEN); repeatable',
    commands: ['run', 'chat', 'exec', 'serve', 'bench', 'data', 'mcp'],
  },
  tools: {
    type: 'string',
    multiple: true,
    description:
      'Tools file: FILE.py (Python functions defined in the sandbox) or FILE.mjs|.js|.ts (defineTool exports, run on the host); repeatable',
    commands: ['run', 'chat', 'exec', 'serve', 'bench', 'data', 'mcp'],
  },
  'mcp-config': {
    type: 'string',
    description: 'JSON file of MCP servers: {"mcpServers": {NAME: {command, args, env} | {url, headers}}}',
    commands: ['run', 'chat', 'exec', 'serve', 'bench', 'data', 'mcp'],
  },
  'max-turns': {
    type: 'string',
    number: true,
    description: 'Model calls per run',
    defaultText: '10',
    commands: agentCommands,
  },
  'max-tokens': {
    type: 'string',
    number: true,
    description: 'Output tokens per model call',
    defaultText: '1024',
    commands: agentCommands,
  },
  temperature: {
    type: 'string',
    number: true,
    description: 'Sampling temperature',
    defaultText: '0',
    commands: agentCommands,
  },
  timeout: {
    type: 'string',
    number: true,
    description: 'Seconds per Python action',
    defaultText: '30',
    commands: sandboxCommands,
  },
  'time-limit': {
    type: 'string',
    number: true,
    description: 'Seconds for the whole run',
    commands: ['run', 'chat', 'serve'],
  },
  json: {
    type: 'boolean',
    description: 'Write one JSON event per line to stdout (the last is run-end)',
    commands: ['run', 'chat', 'data'],
  },
  artifacts: {
    type: 'string',
    description: 'Directory the figures the code shows are written to, as figure-N.png; none to skip',
    defaultText: './codeact-artifacts/<run id>',
    commands: ['run', 'chat', 'exec'],
  },
  trajectory: {
    type: 'string',
    description: 'Append the run trajectory as a JSONL line to this file',
    commands: ['run', 'chat'],
  },
  format: {
    type: 'string',
    description: 'bench: action formats to compare (code,json,text); data export: codeactinstruct, openai or sharegpt',
    defaultText: 'code,json,text',
    commands: ['bench', 'data'],
  },
  tasks: {
    type: 'string',
    description: 'bench: glob over task ids, e.g. "web_browsing/*"; data collect: the task JSONL file',
    commands: ['bench', 'data'],
  },
  concurrency: {
    type: 'string',
    number: true,
    description: 'Episodes run at once (worker: per suite queue)',
    defaultText: '1',
    commands: ['bench', 'data', 'worker'],
  },
  out: {
    type: 'string',
    short: 'o',
    description: 'Output directory (re-running with the same one resumes)',
    defaultText: 'codeact-bench/<suite>-<model>',
    commands: ['bench', 'data'],
  },
  fixed: {
    type: 'boolean',
    description: "Repair the original benchmark's documented quirks (reported separately)",
    commands: ['bench'],
  },
  k: {
    type: 'string',
    number: true,
    description: 'MINT interaction turns',
    defaultText: '5',
    commands: ['bench', 'data'],
  },
  queue: {
    type: 'string',
    description:
      'BullMQ queue, postgres://… or redis://…: bench and data collect enqueue one job per episode for `codeact worker`s and follow them',
    defaultText: '$CODEACT_QUEUE',
    commands: ['bench', 'data', 'worker'],
  },
  detach: {
    type: 'boolean',
    description:
      'bench/data collect --queue: enqueue and return; `codeact bench status|results --queue URL --out DIR` or the same collect later',
    commands: ['bench', 'data'],
  },
  suites: {
    type: 'string',
    description: 'worker: benchmarks whose episodes this worker runs, comma-separated',
    defaultText: 'all',
    commands: ['worker'],
  },
  rate: {
    type: 'string',
    description:
      'worker: model calls per provider across all workers of the queue (BullMQ limiter), e.g. openai=60/min,anthropic=50/min',
    commands: ['worker'],
  },
  'lock-timeout': {
    type: 'string',
    number: true,
    description: "worker: seconds before a dead worker's episode is given to another worker",
    defaultText: '30',
    commands: ['worker'],
  },
  host: {
    type: 'string',
    description: 'Address to listen on (a non-loopback address needs --allow-remote)',
    defaultText: '127.0.0.1',
    commands: ['serve'],
  },
  port: { type: 'string', number: true, description: 'Port to listen on', defaultText: '8700', commands: ['serve'] },
  token: {
    type: 'string',
    description: 'Access token for the UI and API, at least 16 characters (prefer $CODEACT_TOKEN: flags show in ps)',
    defaultText: '$CODEACT_TOKEN, else random and printed',
    commands: ['serve'],
  },
  'allow-remote': {
    type: 'boolean',
    description: 'Allow a non-loopback --host (the token is still required)',
    commands: ['serve'],
  },
  'data-dir': {
    type: 'string',
    description: 'Where conversations (codeact.db) and their work dirs live',
    defaultText: '$CODEACT_HOME or ~/.codeact',
    commands: ['serve'],
  },
  store: {
    type: 'string',
    description:
      'Trajectory store: postgres://…, sqlite:PATH or PATH, memory:, or none (run, chat, bench: do not save)',
    defaultText: '$DATABASE_URL, else ~/.codeact/codeact.db',
    commands: ['data', 'run', 'chat', 'bench', 'worker'],
  },
  dataset: {
    type: 'string',
    description: 'Dataset in the store: collect writes it; filter, export and stats read it',
    commands: ['data'],
  },
  input: {
    type: 'string',
    description: 'Read trajectories from this JSONL file instead of the store',
    commands: ['data'],
  },
  to: { type: 'string', description: 'filter: store dataset for the kept trajectories', commands: ['data'] },
  'fallback-model': {
    type: 'string',
    description: 'collect: model run on the tasks no --model solved',
    commands: ['data'],
  },
  proposals: {
    type: 'string',
    number: true,
    description: 'collect: answer proposals per task (MINT p)',
    defaultText: '2',
    commands: ['data'],
  },
  rule: {
    type: 'string',
    description: 'filter rule',
    defaultText: 'original',
    choices: ['original', 'self-improvement', 'none'],
    commands: ['data'],
  },
  success: { type: 'boolean', description: 'filter: keep solved tasks only (with --rule none)', commands: ['data'] },
  'min-turns': {
    type: 'string',
    number: true,
    description: 'filter: at least this many assistant turns',
    commands: ['data'],
  },
  'exclude-sources': { type: 'string', description: 'filter: drop these sources, comma-separated', commands: ['data'] },
  dedup: {
    type: 'string',
    description: 'filter: keep one trajectory per task and model, per task, or per identical conversation',
    defaultText: 'task-model',
    choices: ['task-model', 'task', 'content', 'none'],
    commands: ['data'],
  },
  downsample: { type: 'string', description: 'filter: at most N per source: N or SOURCE=N,…,*=N', commands: ['data'] },
  seed: {
    type: 'string',
    number: true,
    description: 'Random seed for sampling and shuffling',
    defaultText: '42',
    commands: ['data'],
  },
  mix: {
    type: 'string',
    description: 'export: general conversations to mix in, FILE[:RATIO],… (RATIO per CodeAct conversation)',
    commands: ['data'],
  },
  recipe: {
    type: 'string',
    description: 'export: also write a training config',
    choices: ['trl', 'axolotl', 'llama-factory'],
    commands: ['data'],
  },
  'base-model': {
    type: 'string',
    description: 'export --recipe: mistral, llama-2 or a Hugging Face id',
    defaultText: 'mistral',
    commands: ['data'],
  },
  'max-length': {
    type: 'string',
    number: true,
    description: 'export --recipe: training sequence length',
    defaultText: '16384 (mistral), 4096 (llama-2)',
    commands: ['data'],
  },
  'id-prefix': { type: 'string', description: 'export: prefix for conversation ids', commands: ['data'] },
  tokenizer: {
    type: 'string',
    description: 'stats: tokenizer',
    defaultText: 'llama-2',
    choices: ['llama-2', 'mistral'],
    commands: ['data'],
  },
  clip: {
    type: 'string',
    number: true,
    description: 'stats: clip each conversation at this many tokens',
    defaultText: '4096',
    commands: ['data'],
  },
  from: {
    type: 'string',
    description: 'import: what the input is',
    choices: ['trajectories', 'mint', 'hotpotqa', 'math', 'apps', 'wtq', 'alfworld'],
    commands: ['data'],
  },
  limit: { type: 'string', number: true, description: 'import: sample size (hotpotqa, wtq)', commands: ['data'] },
  level: {
    type: 'string',
    description: 'import --from hotpotqa: difficulty kept (hard, medium, easy, all)',
    defaultText: 'hard',
    commands: ['data'],
  },
  'allow-tool': {
    type: 'string',
    multiple: true,
    description:
      'Allow a tool that needs approval without asking: NAME, SERVER.TOOL or SERVER.* (repeatable; run denies the others)',
    commands: ['run', 'chat'],
  },
  yes: {
    type: 'boolean',
    short: 'y',
    description:
      'Answer yes: allow every tool call that needs approval (run, chat) and install the local model runtime without asking',
    commands: ['run', 'chat', 'bench', 'serve', 'data'],
  },
  help: { type: 'boolean', short: 'h', description: 'Show help', commands: [...commandNames] },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof cliOptions;

/** Parsed flag values: strings, booleans, and numbers for `number` options. */
export type CliValues = {
  [K in OptionName]?: (typeof cliOptions)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof cliOptions)[K] extends { number: true }
      ? number
      : (typeof cliOptions)[K] extends { multiple: true }
        ? string[]
        : string;
};
