import { ConfigurationError } from '@codeact/core';
import type { CliIo } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';

/** `codeact bench SUITE`: wired to `@codeact/bench` once the harness lands. */
export async function benchCommand(_values: CliValues, positionals: string[], _io: CliIo): Promise<number> {
  throw new ConfigurationError(`codeact bench ${positionals[0] ?? ''}: the benchmark harness is not available yet.`);
}
