import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$CODEACT_HOME/codeact.db`, by default `~/.codeact/codeact.db`. */
export function defaultSqlitePath(env: Record<string, string | undefined> = process.env): string {
  return join(env.CODEACT_HOME ?? join(homedir(), '.codeact'), 'codeact.db');
}
