/**
 * A `Content-Disposition` value naming a download after the conversation's title: a Unicode
 * `filename*` with the title cleaned of path separators and characters file systems refuse, and an
 * ASCII `filename` for old clients. Untitled conversations fall back to `codeact-<id prefix>`.
 */
export function exportDisposition(title: string, id: string, extension: 'ipynb' | 'jsonl'): string {
  const cleaned = title
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '');
  const base = Array.from(cleaned).slice(0, 100).join('').trim() || `codeact-${id.slice(0, 8)}`;
  const ascii = base.replace(/[^\x20-\x7e]/g, '_').replace(/[%;\\]/g, '_');
  const encoded = encodeURIComponent(`${base}.${extension}`).replace(
    /['()]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`;
}
