import { describe, expect, it } from 'vitest';
import { replaceSection } from './write-performance-section.js';

describe('replaceSection', () => {
  it('replaces only the named section', () => {
    const document = '# Performance\n\n## Agent loop\nloop text\n\n## Executors\nold\nold\n\n## Server\nserver text\n';
    expect(replaceSection(document, 'Executors', '## Executors\nnew\n')).toBe(
      '# Performance\n\n## Agent loop\nloop text\n\n## Executors\nnew\n\n## Server\nserver text\n',
    );
  });

  it('replaces a trailing section and appends a missing one', () => {
    expect(replaceSection('# P\n\n## Executors\nold\n', 'Executors', '## Executors\nnew')).toBe(
      '# P\n\n## Executors\nnew\n',
    );
    expect(replaceSection('# P\n\n## Server\ns\n', 'Executors', '## Executors\nnew')).toBe(
      '# P\n\n## Server\ns\n\n## Executors\nnew\n',
    );
  });
});
