import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** `$CODEACT_CACHE_DIR`, else `$XDG_CACHE_HOME/codeact`, else `~/.cache/codeact`. */
export function codeactCacheDir(env: Env = process.env): string {
  if (env.CODEACT_CACHE_DIR?.trim()) return env.CODEACT_CACHE_DIR.trim();
  if (env.XDG_CACHE_HOME?.trim()) return join(env.XDG_CACHE_HOME.trim(), 'codeact');
  return join(env.HOME?.trim() || homedir(), '.cache', 'codeact');
}
