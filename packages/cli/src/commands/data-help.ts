import { cliOptions, type OptionName } from '../cli-options.js';

export const dataSubcommands = {
  collect: 'Run tasks with a model under the MINT protocol and save the trajectories (resumable)',
  filter: 'Keep the trajectories a rule accepts (original, self-improvement, …) and print the funnel',
  export: 'Write training data (codeactinstruct, openai, sharegpt), mixed and with a ready training config',
  stats: "Print the paper's Table 4: instances and Llama-2 tokens per source",
  import: 'Load trajectories (JSONL, MINT results) into the store, or convert a public dataset to tasks',
} as const;
export type DataSubcommand = keyof typeof dataSubcommands;

/** A flag, its default for this subcommand, and a description when the shared one does not fit. */
type Row = readonly [OptionName, (string | undefined)?, string?];

/** The flags each subcommand reads, with its own default where the shared table's would mislead. */
const dataOptions: Record<DataSubcommand, { readonly usage: string; readonly rows: readonly Row[] }> = {
  collect: {
    usage: 'codeact data collect --tasks tasks.jsonl --model M [options]',
    rows: [
      ['tasks', 'required'],
      ['model', '$CODEACT_MODEL', 'Models to collect with, comma-separated (run in turn)'],
      ['fallback-model'],
      ['base-url'],
      ['api-key'],
      ['k', '5'],
      ['proposals'],
      ['concurrency', '1'],
      ['dataset', 'the tasks file name'],
      ['interpreter'],
      ['no-sandbox'],
      ['timeout'],
      ['max-tokens'],
      ['temperature'],
      ['store'],
      ['json', undefined, 'Print the result as JSON'],
    ],
  },
  filter: {
    usage: 'codeact data filter --dataset NAME [options] (--to NAME | --out FILE)',
    rows: [
      ['dataset'],
      ['input'],
      ['rule', 'original'],
      ['success'],
      ['min-turns'],
      ['max-turns', 'none'],
      ['exclude-sources'],
      ['dedup', 'task-model'],
      ['downsample'],
      ['seed'],
      ['to'],
      ['out', undefined, 'Write the kept trajectories to this JSONL file instead'],
      ['store'],
      ['json', undefined, 'Print the result as JSON'],
    ],
  },
  export: {
    usage: 'codeact data export (--dataset NAME | --input FILE) --out FILE [options]',
    rows: [
      ['dataset'],
      ['input'],
      ['out', 'required', 'Training data file to write (its folder is created)'],
      ['format', 'codeactinstruct (or the recipe’s format)'],
      ['mix'],
      ['recipe'],
      ['base-model'],
      ['max-length'],
      ['id-prefix'],
      ['seed'],
      ['store'],
      ['json', undefined, 'Print the result as JSON'],
    ],
  },
  stats: {
    usage: 'codeact data stats [FILE.jsonl ... | --dataset NAME | --input FILE] [options]',
    rows: [['dataset'], ['input'], ['tokenizer'], ['clip'], ['store'], ['json']],
  },
  import: {
    usage:
      'codeact data import --from trajectories|mint FILE... [--dataset NAME]\n       codeact data import --from hotpotqa|math|apps|wtq|alfworld INPUT --out tasks.jsonl [options]',
    rows: [
      ['from'],
      ['dataset', 'imported'],
      ['out', 'required for a public dataset', 'Task file (JSONL) to write'],
      ['limit', 'all'],
      ['level'],
      ['seed'],
      ['model', 'the MINT results folder name', 'Model name recorded on imported MINT results'],
      ['store'],
      ['json', undefined, 'Print the result as JSON'],
    ],
  },
};

export function isDataSubcommand(name: string | undefined): name is DataSubcommand {
  return name !== undefined && Object.hasOwn(dataSubcommands, name);
}

/** `codeact data SUBCOMMAND --help`: only that subcommand's flags, with its defaults. */
export function renderDataHelp(name: DataSubcommand): string {
  const { usage, rows } = dataOptions[name];
  const lines = rows.map(([option, defaultText, ownDescription]) => {
    const spec = cliOptions[option];
    const value = spec.type === 'string' ? ' VALUE' : '';
    const flag = `${'short' in spec ? `-${spec.short}, ` : '    '}--${option}${value}`;
    const shown = defaultText ?? ('defaultText' in spec ? spec.defaultText : undefined);
    const description = ownDescription ?? spec.description.replace(/^[a-z ]+: /, '');
    return `  ${flag.padEnd(26)} ${description}${shown === undefined ? '' : ` (default: ${shown})`}`;
  });
  return `${dataSubcommands[name]}\n\nUsage: ${usage}\n\nOptions:\n${lines.join('\n')}\n`;
}
