import { describe, expect, it } from 'vitest';
import { exportDisposition } from './export-file-name.js';

describe('exportDisposition', () => {
  it('names the download after the title, with an ASCII fallback', () => {
    expect(exportDisposition('Monthly revenue', 'abcdef0123', 'ipynb')).toBe(
      `attachment; filename="Monthly revenue.ipynb"; filename*=UTF-8''Monthly%20revenue.ipynb`,
    );
    expect(exportDisposition('Café ümlaut (v2)', 'abcdef0123', 'jsonl')).toBe(
      `attachment; filename="Caf_ _mlaut (v2).jsonl"; filename*=UTF-8''Caf%C3%A9%20%C3%BCmlaut%20%28v2%29.jsonl`,
    );
  });

  it('drops path separators, quotes, control and bidi characters', () => {
    const value = exportDisposition('../../etc/"passwd"\u202E\r\nx', 'abcdef0123', 'ipynb');
    expect(value).toBe(`attachment; filename="etc passwd x.ipynb"; filename*=UTF-8''etc%20passwd%20x.ipynb`);
  });

  it('falls back to the id for an empty or unusable title', () => {
    expect(exportDisposition('', 'abcdef0123', 'ipynb')).toContain('filename="codeact-abcdef01.ipynb"');
    expect(exportDisposition(' /// ', 'abcdef0123', 'jsonl')).toContain('filename="codeact-abcdef01.jsonl"');
  });
});
