/** Longest accepted file name, in characters. */
export const maxFileNameLength = 128;

/**
 * Whether `name` is a plain file name for the work dir: no directories, no `..`, no leading dot, no
 * control or shell-special characters. Anything else is refused rather than cleaned.
 */
export function isSafeFileName(name: string): boolean {
  if (name.length === 0 || name.length > maxFileNameLength) return false;
  if (name.startsWith('.') || name.startsWith('-') || name.endsWith(' ') || name.endsWith('.')) return false;
  return /^[\p{L}\p{N}_][\p{L}\p{N}_ .()+-]*$/u.test(name) && !name.includes('..');
}

/** Conversation ids come from the store; only these characters are ever used in paths. */
export function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}
