/** One structured log record: a message and flat JSON fields. */
export type LogRecord = {
  readonly level: LogLevel;
  readonly msg: string;
  readonly [field: string]: unknown;
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the server writes its logs: one JSON object per line on stderr by default. */
export type Logger = {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
};

export type CreateLoggerOptions = {
  /** Receives each line (with its newline). Default: `process.stderr`. */
  readonly write?: (line: string) => void;
  /** Values replaced by `[redacted]` wherever they appear (access tokens, API keys). */
  readonly secrets?: () => readonly string[];
  readonly level?: LogLevel;
  readonly now?: () => Date;
};

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Terminal escape sequences from sandbox output must not reach an operator's terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** A JSON-lines logger that redacts known secrets and strips control characters. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const minimum = levelRank[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  return {
    log(level, msg, fields = {}) {
      if (levelRank[level] < minimum) return;
      let line = JSON.stringify({ time: now().toISOString(), level, msg, ...fields }, (_key, value: unknown) =>
        typeof value === 'string' ? value.replace(controlCharacters, '') : value,
      );
      for (const secret of options.secrets?.() ?? []) {
        if (secret.length >= 8) line = line.split(secret).join('[redacted]');
      }
      write(`${line}\n`);
    },
  };
}

/** Keeps records in memory: for tests. */
export function createMemoryLogger(): Logger & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  return {
    records,
    log(level, msg, fields = {}) {
      records.push({ ...fields, level, msg });
    },
  };
}
