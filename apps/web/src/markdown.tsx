import { Fragment, type ReactNode } from 'react';
import { HighlightedCode } from './components/highlighted-code.js';

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

type Inline = { readonly pattern: RegExp; readonly render: (match: RegExpExecArray, key: string) => ReactNode };

const inlineRules: readonly Inline[] = [
  { pattern: /`([^`\n]+)`/, render: (match, key) => <code key={key}>{match[1]}</code> },
  {
    // Images are never loaded (no remote requests from model output): shown as a link-like label.
    pattern: /!\[([^\]\n]*)\]\(([^)\s]+)[^)]*\)/,
    render: (match, key) => (
      <span key={key} className="md-image-blocked" title={match[2]}>
        [image: {match[1] || 'untitled'}]
      </span>
    ),
  },
  {
    pattern: /\[([^\]\n]+)\]\(([^)\s]+)\)/,
    render: (match, key) => {
      const href = safeLinkUrl(match[2] ?? '');
      if (!href) return <span key={key}>{match[0]}</span>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
          {renderInline(match[1] ?? '', key)}
        </a>
      );
    },
  },
  {
    pattern: /\*\*([^*\n]+)\*\*/,
    render: (match, key) => <strong key={key}>{renderInline(match[1] ?? '', key)}</strong>,
  },
  { pattern: /__([^_\n]+)__/, render: (match, key) => <strong key={key}>{renderInline(match[1] ?? '', key)}</strong> },
  { pattern: /\*([^*\n]+)\*/, render: (match, key) => <em key={key}>{renderInline(match[1] ?? '', key)}</em> },
  {
    pattern: /(?<![\w])_([^_\n]+)_(?![\w])/,
    render: (match, key) => <em key={key}>{renderInline(match[1] ?? '', key)}</em>,
  },
];

/** Inline Markdown to React nodes: text stays text, so raw HTML is shown, never parsed. */
export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const nodes: ReactNode[] = [];
  let rest = text;
  let counter = 0;
  while (rest.length > 0) {
    let best: { rule: Inline; match: RegExpExecArray } | undefined;
    for (const rule of inlineRules) {
      const match = rule.pattern.exec(rest);
      if (match && (best === undefined || match.index < best.match.index)) best = { rule, match };
    }
    if (!best) {
      nodes.push(rest);
      break;
    }
    if (best.match.index > 0) nodes.push(rest.slice(0, best.match.index));
    nodes.push(best.rule.render(best.match, `${keyPrefix}-${counter++}`));
    rest = rest.slice(best.match.index + best.match[0].length);
  }
  return nodes;
}

type Block =
  | { type: 'code'; language: string; code: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'quote'; text: string }
  | { type: 'rule' }
  | { type: 'paragraph'; text: string };

/** Splits Markdown into blocks: fenced code, headings, lists, quotes, rules and paragraphs. */
export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as string;
    const fence = /^\s*(```|~~~)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !(lines[index] as string).trim().startsWith(fence[1] as string)) {
        code.push(lines[index] as string);
        index += 1;
      }
      index += 1;
      blocks.push({ type: 'code', language: fence[2] ?? '', code: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      index += 1;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ type: 'rule' });
      index += 1;
      continue;
    }
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
      const ordered = item[2] !== undefined;
      const items: string[] = [];
      while (index < lines.length) {
        const next = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(lines[index] as string);
        if (!next || (next[2] !== undefined) !== ordered) break;
        items.push(next[3] ?? '');
        index += 1;
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (index < lines.length && /^\s*>/.test(lines[index] as string)) {
        quoted.push((lines[index] as string).replace(/^\s*>\s?/, ''));
        index += 1;
      }
      blocks.push({ type: 'quote', text: quoted.join('\n') });
      continue;
    }
    const paragraph: string[] = [];
    while (
      index < lines.length &&
      (lines[index] as string).trim() !== '' &&
      !/^(\s*(```|~~~)|#{1,6}\s|\s*>|\s*(?:[-*+]|\d+[.)])\s+)/.test(lines[index] as string)
    ) {
      paragraph.push(lines[index] as string);
      index += 1;
    }
    blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
  }
  return blocks;
}

function renderLines(text: string, key: string): ReactNode[] {
  return text.split('\n').flatMap((line, index) => {
    const parts = renderInline(line, `${key}-${index}`);
    return index === 0 ? parts : [<br key={`${key}-br-${index}`} />, ...parts];
  });
}

/**
 * Renders model or user Markdown inertly: the result is React elements built from a small Markdown
 * subset, so HTML in the text is displayed as text, links are limited to http(s)/mailto and open
 * with `noopener`, and images are never fetched.
 */
export function Markdown({ text }: { readonly text: string }): ReactNode {
  return (
    <div className="markdown">
      {parseBlocks(text).map((block, index) => {
        const key = `b${index}`;
        switch (block.type) {
          case 'code':
            return <HighlightedCode key={key} code={block.code} language={block.language} />;
          case 'heading': {
            const Tag = `h${Math.min(6, block.level + 2)}` as 'h3';
            return <Tag key={key}>{renderInline(block.text, key)}</Tag>;
          }
          case 'list': {
            const items = block.items.map((entry, itemIndex) => (
              <li key={`${key}-${itemIndex}`}>{renderInline(entry, `${key}-${itemIndex}`)}</li>
            ));
            return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
          }
          case 'quote':
            return <blockquote key={key}>{renderLines(block.text, key)}</blockquote>;
          case 'rule':
            return <hr key={key} />;
          case 'paragraph':
            return <p key={key}>{renderLines(block.text, key)}</p>;
          default:
            return <Fragment key={key}>{block satisfies never}</Fragment>;
        }
      })}
    </div>
  );
}
