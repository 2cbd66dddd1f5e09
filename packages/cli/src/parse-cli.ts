import { parseArgs } from 'node:util';
import { type CliValues, type CommandName, cliOptions, commandNames, type OptionName } from './cli-options.js';

export type ParsedCli =
  | {
      readonly success: true;
      readonly command: CommandName | undefined;
      readonly values: CliValues;
      readonly positionals: string[];
      readonly error?: never;
    }
  | { readonly success: false; readonly error: string; readonly command?: CommandName | undefined };

function isCommand(name: string | undefined): name is CommandName {
  return (commandNames as readonly string[]).includes(name ?? '');
}

/**
 * Parses `argv` (without node and the script) against the option table. Unknown commands, unknown
 * flags, flags of another command and malformed numbers are errors that say how to fix them.
 */
export function parseCli(argv: readonly string[]): ParsedCli {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    return { success: true, command: undefined, values: { help: true }, positionals: [] };
  }
  if (!isCommand(first)) {
    return { success: false, error: `Unknown command "${first}". Commands: ${commandNames.join(', ')}.` };
  }
  const command = first;
  const entries = Object.entries(cliOptions).filter(([, spec]) =>
    (spec.commands as readonly string[]).includes(command),
  );
  const options = Object.fromEntries(
    entries.map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...('short' in spec ? { short: spec.short } : {}),
        ...('multiple' in spec ? { multiple: true } : {}),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    return { success: false, command, error: `${message} Run "codeact ${command} --help" for the options.` };
  }
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const spec = cliOptions[name as OptionName];
    if ('number' in spec && spec.number) {
      const value = Number(raw);
      if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || value < 0) {
        return { success: false, command, error: `--${name} takes a non-negative number, not "${String(raw)}".` };
      }
      values[name] = value;
    } else if (
      'choices' in spec &&
      !(spec.choices as readonly string[]).includes(raw as string) &&
      !('choicePrefixes' in spec && spec.choicePrefixes.some((prefix) => String(raw).startsWith(prefix)))
    ) {
      const prefixes = 'choicePrefixes' in spec ? spec.choicePrefixes.map((prefix) => `${prefix}…`) : [];
      return {
        success: false,
        command,
        error: `--${name} must be one of ${[...spec.choices, ...prefixes].join(', ')}, not "${String(raw)}".`,
      };
    } else {
      values[name] = raw;
    }
  }
  return { success: true, command, values: values as CliValues, positionals: parsed.positionals };
}
