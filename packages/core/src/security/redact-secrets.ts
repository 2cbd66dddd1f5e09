import type { Execution } from '../executor/execution.js';

/** What replaces a secret in tool errors, observations and stored runs. */
export const redactedText = '[REDACTED]';

const secretName = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)$|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY/i;
const urlPassword = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/i;
/** Shorter values are too likely to occur by chance (and too weak to be worth hiding). */
const minSecretLength = 8;

/**
 * The secrets in an environment: values of variables named like keys, tokens, secrets and passwords
 * (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GITHUB_TOKEN`, …) and passwords inside URLs
 * (`DATABASE_URL=postgres://user:PASSWORD@host/db`).
 */
export function secretsFromEnvironment(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (secretName.test(name)) secrets.push(value);
    const password = urlPassword.exec(value)?.[1];
    if (password) secrets.push(password, safeDecode(password));
  }
  return secrets;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A function replacing every occurrence of the given secrets (and their URL-encoded forms) with
 * `[REDACTED]`; values shorter than 8 characters are ignored. Linear in the text per secret.
 *
 * @example
 * const redact = createRedactor([process.env.OPENAI_API_KEY ?? '']);
 * redact(`401: bad key ${process.env.OPENAI_API_KEY}`); // '401: bad key [REDACTED]'
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const values = new Set<string>();
  for (const secret of secrets) {
    const trimmed = secret.trim();
    if (trimmed.length < minSecretLength) continue;
    values.add(trimmed);
    values.add(encodeURIComponent(trimmed));
  }
  // Longest first, so a secret containing another is replaced whole.
  const ordered = [...values].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const secret of ordered) if (result.includes(secret)) result = result.split(secret).join(redactedText);
    return result;
  };
}

/** The execution with secrets removed from its output, result and error; the same object when it had none. */
export function redactExecution(execution: Execution, redact: (text: string) => string): Execution {
  const { error, result } = execution;
  const redacted: Execution = {
    ...execution,
    stdout: redact(execution.stdout),
    stderr: redact(execution.stderr),
    ...(result === undefined ? {} : { result: redact(result) }),
    ...(error === undefined
      ? {}
      : { error: { name: error.name, message: redact(error.message), traceback: redact(error.traceback) } }),
  };
  const changed =
    redacted.stdout !== execution.stdout ||
    redacted.stderr !== execution.stderr ||
    redacted.result !== result ||
    redacted.error?.message !== error?.message ||
    redacted.error?.traceback !== error?.traceback;
  return changed ? redacted : execution;
}
