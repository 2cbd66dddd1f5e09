import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's docs/performance.md, where every benchmark writes its section. */
export const performanceDocPath = fileURLToPath(new URL('../../../docs/performance.md', import.meta.url));

/**
 * Replaces the `## <heading>` section of a markdown document (up to the next `## ` heading), or
 * appends it. Other sections are left byte for byte.
 */
export function replaceSection(document: string, heading: string, section: string): string {
  const lines = document.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  const body = section.trimEnd().split('\n');
  if (start === -1) {
    const head = document.trimEnd();
    return `${head}${head ? '\n\n' : ''}${body.join('\n')}\n`;
  }
  let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  if (end === -1) end = lines.length;
  const after = lines.slice(end);
  return [...lines.slice(0, start), ...body, ...(after.length > 0 ? ['', ...after] : [''])].join('\n');
}

/** Writes `section` (which starts with `## <heading>`) into the file, creating it when missing. */
export function writePerformanceSection(heading: string, section: string, path = performanceDocPath): void {
  const document = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  writeFileSync(path, replaceSection(document, heading, section));
}
