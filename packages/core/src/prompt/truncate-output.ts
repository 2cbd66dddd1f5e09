/**
 * Keeps the head and the tail of `text` within `maxChars`, with a marker saying how much was cut.
 * Tracebacks end at the tail and imports and setup at the head, so both ends carry signal.
 */
export function truncateOutput(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = (cut: number) => `\n[... ${cut} characters truncated ...]\n`;
  const budget = Math.max(0, maxChars - marker(text.length).length);
  const head = Math.ceil(budget * 0.5);
  const tail = budget - head;
  const cut = text.length - head - tail;
  return `${text.slice(0, head)}${marker(cut)}${tail > 0 ? text.slice(text.length - tail) : ''}`;
}
