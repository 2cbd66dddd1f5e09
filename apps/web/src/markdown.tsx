import type { Element, ElementContent } from 'hast';
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components, defaultUrlTransform, type UrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { HighlightedCode } from './components/highlighted-code.js';
import { MarkedText } from './components/marked-text.js';

/** Link schemes a rendered link may use; anything else is shown as text. */
const allowedSchemes = ['http:', 'https:', 'mailto:'];

/** The URL if it is absolute with an allowed scheme, else `undefined`. */
export function safeLinkUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return allowedSchemes.includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

function fencedCode(pre: Element | undefined): { code: string; language: string } {
  const code = pre?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  const classes = code?.properties.className;
  const language = Array.isArray(classes)
    ? (classes
        .map(String)
        .find((name) => name.startsWith('language-'))
        ?.slice('language-'.length) ?? '')
    : '';
  return { code: code ? textOf(code).replace(/\n$/, '') : '', language };
}

// Links and images are decided by the components below (which see the original URL); any other URL
// attribute gets react-markdown's own filter.
const urlTransform: UrlTransform = (url, key, node) =>
  (node.tagName === 'a' && key === 'href') || (node.tagName === 'img' && key === 'src')
    ? url
    : defaultUrlTransform(url);

const heading =
  (tag: 'h3' | 'h4' | 'h5' | 'h6') =>
  ({ children }: { children?: ReactNode }) => {
    const Tag = tag;
    return <Tag>{children}</Tag>;
  };

const components: Components = {
  h1: heading('h3'),
  h2: heading('h4'),
  h3: heading('h5'),
  h4: heading('h6'),
  h5: heading('h6'),
  h6: heading('h6'),
  a: ({ href, children }) => {
    const safe = href === undefined ? undefined : safeLinkUrl(href);
    if (!safe)
      return (
        <span className="md-link-blocked">
          [{children}]({href})
        </span>
      );
    return (
      <a href={safe} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    );
  },
  // Images are never loaded (no remote requests from model output): shown as a label.
  img: ({ alt, src }) => (
    <span className="md-image-blocked" title={typeof src === 'string' ? src : undefined}>
      [image: {alt || 'untitled'}]
    </span>
  ),
  pre: ({ node }) => {
    const { code, language } = fencedCode(node);
    return <HighlightedCode code={code} language={language} />;
  },
  code: ({ children }) => <code>{typeof children === 'string' ? <MarkedText text={children} /> : children}</code>,
  table: ({ children }) => (
    <div className="table-scroll">
      <table>{children}</table>
    </div>
  ),
};

/**
 * Renders model or user Markdown (CommonMark + GFM) inertly: raw HTML in the text is displayed as
 * text, links are limited to http(s)/mailto and open with `noopener`, images are never fetched, and
 * code shows its invisible characters.
 */
export function Markdown({ text }: { readonly text: string }): ReactNode {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components} urlTransform={urlTransform}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
