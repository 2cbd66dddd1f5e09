import { ConfigurationError } from '@codeact/core';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { dataSubcommands as subcommands } from './data-help.js';

export const dataHelp = `Make your own CodeActInstruct.

Usage: codeact data <collect|filter|export|stats|import> [options]   (codeact data SUBCOMMAND --help for its flags)

${Object.entries(subcommands)
  .map(([name, summary]) => `  ${name.padEnd(8)} ${summary}`)
  .join('\n')}

  codeact data collect --tasks tasks.jsonl --model M [--k 5] [--concurrency N] [--fallback-model M2] [--dataset NAME]
  codeact data filter --dataset NAME [--rule original|self-improvement|none] [--success] [--min-turns N] [--max-turns N]
                      [--exclude-sources a,b] [--dedup task-model|task|content|none] [--downsample SRC=N,*=N] (--to NAME | --out FILE)
  codeact data export (--dataset NAME | --input FILE) --out FILE [--format codeactinstruct|openai|sharegpt]
                      [--mix general.jsonl:10] [--recipe trl|axolotl|llama-factory] [--base-model mistral|llama-2|HF_ID]
  codeact data stats [FILE.jsonl ... | --dataset NAME | --input FILE] [--tokenizer llama-2|mistral] [--json]
  codeact data import --from trajectories|mint FILE... [--dataset NAME]
  codeact data import --from hotpotqa|math|apps|wtq|alfworld INPUT --out tasks.jsonl [--limit N] [--seed N]

The store is --store URL, else $DATABASE_URL (PostgreSQL), else SQLite at ~/.codeact/codeact.db. See docs/codeactinstruct.md.
`;

/** `codeact data <subcommand>`: dispatches to the data-*.ts commands. */
export async function dataCommand(values: CliValues, positionals: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = positionals;
  switch (name) {
    case 'collect':
      return (await import('./data-collect.js')).dataCollect(values, rest, io);
    case 'filter':
      return (await import('./data-filter.js')).dataFilter(values, rest, io);
    case 'export':
      return (await import('./data-export.js')).dataExport(values, rest, io);
    case 'stats':
      return (await import('./data-stats.js')).dataStats(values, rest, io);
    case 'import':
      return (await import('./data-import.js')).dataImport(values, rest, io);
    case undefined:
      io.stdout.write(dataHelp);
      return 0;
    default:
      throw new ConfigurationError(`Unknown data command "${name}". Commands: ${Object.keys(subcommands).join(', ')}.`);
  }
}
