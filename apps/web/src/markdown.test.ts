import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, parseBlocks, safeLinkUrl } from './markdown.js';

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe('Markdown', () => {
  it('renders the subset models use: emphasis, code, lists, headings, quotes, fenced Python', () => {
    const html = render(
      '# Result\n\nThe total is **101** and `df` has *6* rows.\n\n- one\n- two\n\n> quoted\n\n```python\nprint(1)\n```',
    );
    expect(html).toContain('<h3>Result</h3>');
    expect(html).toContain('<strong>101</strong>');
    expect(html).toContain('<code>df</code>');
    expect(html).toContain('<em>6</em>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<blockquote>quoted</blockquote>');
    expect(html).toContain('<span class="tok-builtin">print</span>');
  });

  it('shows raw HTML as text, never as markup', () => {
    const html = render('<img src=x onerror="alert(1)"> <script>alert(2)</script> <iframe src="//evil">');
    expect(html).not.toMatch(/<img|<script|<iframe/);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('never loads images and only links http(s) and mailto, with noopener', () => {
    const html = render(
      '![chart](http://evil.example/pixel.png) [docs](https://example.com/a?b=1) [x](javascript:alert(1)) [y](data:text/html,hi)',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('[image: chart]');
    expect(html).toContain(
      '<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">docs</a>',
    );
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('href="data:');
    expect(html).toContain('[x](javascript:alert(1)');
  });

  it('accepts only absolute http, https and mailto URLs', () => {
    expect(safeLinkUrl('https://example.com')).toBe('https://example.com/');
    expect(safeLinkUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeLinkUrl('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('/relative')).toBeUndefined();
    expect(safeLinkUrl('vbscript:x')).toBeUndefined();
  });

  it('splits blocks without losing text', () => {
    expect(parseBlocks('a\nb\n\n1. x\n2. y\n\n---\n```\nraw <b>\n```')).toEqual([
      { type: 'paragraph', text: 'a\nb' },
      { type: 'list', ordered: true, items: ['x', 'y'] },
      { type: 'rule' },
      { type: 'code', language: '', code: 'raw <b>' },
    ]);
  });
});
