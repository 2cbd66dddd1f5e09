import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HighlightedCode } from '../components/highlighted-code.js';
import { codeLanguage } from './highlight-code.js';

const html = (code: string, language?: string) =>
  renderToStaticMarkup(createElement(HighlightedCode, language === undefined ? { code } : { code, language }))
    .replace(/^.*<code class="hljs">/s, '')
    .replace(/<\/code><\/pre>$/, '');

describe('highlightCode', () => {
  it('highlights Python, the default, with hljs classes and keeps the text', () => {
    const out = html('import math\n@cache\ndef f(x):\n    return math.sqrt(x)  # root\nprint(f"{1}")');
    expect(out).toContain('<span class="hljs-keyword">import</span>');
    expect(out).toContain('<span class="hljs-comment"># root</span>');
    expect(out).toContain('<span class="hljs-built_in">print</span>');
    expect(out.replace(/<[^>]+>/g, '')).toBe(
      'import math\n@cache\ndef f(x):\n    return math.sqrt(x)  # root\nprint(f&quot;{1}&quot;)',
    );
  });

  it('shows languages it does not know as plain text', () => {
    expect(codeLanguage('')).toBe('python');
    expect(codeLanguage('py')).toBe('python');
    expect(codeLanguage('c#')).toBeUndefined();
    expect(html('<b>x</b>', 'brainfuck')).toBe('&lt;b&gt;x&lt;/b&gt;');
  });

  it('replaces invisible characters with marked code points, inside tokens too', () => {
    const out = html('s = "abc\u202Edef"\n\u200Bx = 1');
    expect(out).not.toMatch(/[\u202E\u200B]/);
    expect(out).toContain(
      '<span class="invisible-char" title="U+202E RIGHT-TO-LEFT OVERRIDE" data-codepoint="U+202E">U+202E</span>',
    );
    expect(out).toMatch(
      /<span class="hljs-string">&quot;abc<span class="invisible-char"[^>]*>U\+202E<\/span>def&quot;<\/span>/,
    );
    expect(out).toContain('data-codepoint="U+200B"');
  });
});
