import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, safeLinkUrl } from './markdown.js';

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text })).replace(/\n/g, '');

describe('Markdown', () => {
  it('renders what models write: emphasis, code, lists, headings, quotes, tables, fenced Python', () => {
    const html = render(
      '# Result\n\nThe total is **101** and `df` has *6* rows.\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint(1)\n```',
    );
    expect(html).toContain('<h3>Result</h3>');
    expect(html).toContain('<strong>101</strong>');
    expect(html).toContain('<code>df</code>');
    expect(html).toContain('<em>6</em>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<blockquote><p>quoted</p></blockquote>');
    expect(html).toContain('<div class="table-scroll"><table><thead><tr><th>a</th><th>b</th></tr></thead>');
    expect(html).toContain(
      '<pre class="code" data-language="python"><code class="hljs"><span class="hljs-built_in">print</span>',
    );
  });

  it('shows raw HTML as text, never as markup', () => {
    const html = render(
      '<img src=x onerror="alert(1)"> <script>alert(2)</script> <iframe src="//evil">\n\n<div>\n*x*\n</div>',
    );
    expect(html).not.toMatch(/<img|<script|<iframe|<div>/);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;div&gt;');
  });

  it('never loads images and only links http(s) and mailto, with noopener', () => {
    const html = render(
      '![chart](http://evil.example/pixel.png) [docs](https://example.com/a?b=1) [x](javascript:alert(1)) [y](data:text/html,hi) <https://auto.example/>',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('[image: chart]');
    expect(html).toContain(
      '<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">docs</a>',
    );
    expect(html).toContain('<a href="https://auto.example/" target="_blank" rel="noopener noreferrer nofollow">');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('href="data:');
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html.match(/<a /g)).toHaveLength(2);
  });

  it('accepts only absolute http, https and mailto URLs', () => {
    expect(safeLinkUrl('https://example.com')).toBe('https://example.com/');
    expect(safeLinkUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeLinkUrl('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('/relative')).toBeUndefined();
    expect(safeLinkUrl('vbscript:x')).toBeUndefined();
  });

  // The hand-written renderer this replaced looped forever, pushing empty paragraphs until the
  // renderer ran out of memory, on a line starting with a fence it did not accept as an opener.
  it('renders a line that starts like a fence but is not one', () => {
    const html = render('Wrap it like this:\n```<b>bold</b>``` and\n```c#\nvar x = 1;\n```\n~~~ {.py}\nprint(2)\n~~~');
    expect(html).toContain('<code>&lt;b&gt;bold&lt;/b&gt;</code>');
    expect(html).toContain('var x = 1;');
    expect(html).toContain('print');
  });

  it('marks invisible characters in inline and fenced code', () => {
    const html = render('Run `x\u202Ey` then\n\n```\nok = "\u200B"\n```');
    expect(html).toContain(
      '<code>x<span class="invisible-char" title="U+202E RIGHT-TO-LEFT OVERRIDE" data-codepoint="U+202E">U+202E</span>y</code>',
    );
    expect(html).toContain('data-codepoint="U+200B"');
    expect(html).not.toMatch(/[\u202E\u200B]/);
    expect(html).toContain('data-testid="invisible-warning"');
  });
});
