/** Every command of the `codeact` binary. */
export const commandNames = ['run', 'chat', 'exec', 'bench'] as const;
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
};

const agentCommands: readonly CommandName[] = ['run', 'chat', 'bench'];
const sandboxCommands: readonly CommandName[] = ['run', 'chat', 'exec', 'bench'];

/**
 * The one declaration of every flag: parsing, validation and `--help` all come from this table.
 */
export const cliOptions = {
  model: {
    type: 'string',
    short: 'm',
    description:
      'Model: openai:NAME, anthropic:NAME, openai-compatible:NAME (with --base-url), script:FILE.jsonl, replay:DIR',
    defaultText: '$CODEACT_MODEL',
    commands: agentCommands,
  },
  'base-url': {
    type: 'string',
    description: 'OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio, OpenRouter)',
    defaultText: '$CODEACT_BASE_URL',
    commands: agentCommands,
  },
  'api-key': {
    type: 'string',
    description: 'API key (default: the provider env var, e.g. OPENAI_API_KEY)',
    commands: agentCommands,
  },
  interpreter: {
    type: 'string',
    short: 'i',
    description: 'Python interpreter: python (CPython under bubblewrap), pyodide, or auto',
    defaultText: 'auto',
    choices: ['auto', 'python', 'pyodide'],
    commands: sandboxCommands,
  },
  'no-sandbox': {
    type: 'boolean',
    description: 'Run CPython without bubblewrap (only for trusted code on hosts without bwrap)',
    commands: sandboxCommands,
  },
  workdir: {
    type: 'string',
    description: 'Host directory mounted as the sandbox working directory',
    defaultText: 'a fresh temporary directory',
    commands: ['run', 'chat', 'exec'],
  },
  toolset: {
    type: 'string',
    short: 't',
    description: 'Tools to load, e.g. m3tooleval:<task id>',
    commands: ['run', 'chat', 'exec'],
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
    commands: ['run', 'chat'],
  },
  json: {
    type: 'boolean',
    description: 'Write one JSON event per line to stdout (the last is run-end)',
    commands: ['run', 'chat'],
  },
  trajectory: {
    type: 'string',
    description: 'Append the run trajectory as a JSONL line to this file',
    commands: ['run', 'chat'],
  },
  format: {
    type: 'string',
    description: 'Action formats to compare, comma-separated: code,json,text',
    defaultText: 'code,json,text',
    commands: ['bench'],
  },
  tasks: {
    type: 'string',
    description: 'Glob over task ids, e.g. "web_browsing*"',
    commands: ['bench'],
  },
  concurrency: {
    type: 'string',
    number: true,
    description: 'Episodes run at once',
    defaultText: '1',
    commands: ['bench'],
  },
  out: {
    type: 'string',
    short: 'o',
    description: 'Output directory (re-running with the same one resumes)',
    defaultText: 'codeact-bench/<suite>-<model>',
    commands: ['bench'],
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
    commands: ['bench'],
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
      : string;
};

const usages: Record<CommandName, { usage: string; summary: string }> = {
  run: { usage: 'codeact run [options] "TASK"', summary: 'Run the agent on one task and print its answer' },
  chat: { usage: 'codeact chat [options]', summary: 'Talk with the agent; it runs Python between your messages' },
  exec: {
    usage: 'codeact exec [--toolset NAME] [--interpreter I] FILE|-',
    summary: 'Run Python in the sandbox and print the observation the model would see',
  },
  bench: {
    usage: 'codeact bench m3tooleval|api-bank|mint --model M [options]',
    summary: "Run one of the paper's benchmarks and write results.json, report.md and chart.svg",
  },
};

/** Help text generated from the option table. */
export function renderHelp(command?: CommandName): string {
  if (!command) {
    const lines = commandNames.map((name) => `  ${name.padEnd(7)} ${usages[name].summary}`);
    return `codeact: CodeAct agents that act in Python\n\nUsage: codeact <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "codeact <command> --help" for its options.\n`;
  }
  const rows = Object.entries(cliOptions)
    .filter(([, spec]) => (spec.commands as readonly string[]).includes(command))
    .map(([name, spec]) => {
      const flag = `${'short' in spec ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
      const extra = 'defaultText' in spec ? ` (default: ${spec.defaultText})` : '';
      return `  ${flag.padEnd(26)} ${spec.description}${extra}`;
    });
  return `${usages[command].summary}\n\nUsage: ${usages[command].usage}\n\nOptions:\n${rows.join('\n')}\n`;
}
