import type { ElementContent, Root, RootContent } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import { splitInvisible } from './invisible-characters.js';

// A few languages models write besides Python; anything else is shown unhighlighted.
const lowlight = createLowlight({ bash, css, javascript, json, python, sql, typescript, xml, yaml });

/** The highlighter's name for a fence's language (`py`, `python3`, none → `python`), or `undefined`. */
export function codeLanguage(language: string | undefined): string | undefined {
  const name = (language ?? '').trim().toLowerCase();
  if (name === '' || /^(python3?|py|ipython3?)$/.test(name)) return 'python';
  return lowlight.registered(name) ? name : undefined;
}

function markText(value: string): ElementContent[] {
  return splitInvisible(value).map((segment) =>
    segment.invisible
      ? {
          type: 'element',
          tagName: 'span',
          properties: { className: ['invisible-char'], title: segment.name, dataCodepoint: segment.codePoint },
          children: [{ type: 'text', value: segment.codePoint }],
        }
      : { type: 'text', value: segment.text },
  );
}

function markChildren<T extends RootContent | ElementContent>(children: readonly T[]): T[] {
  return children.flatMap((child) => {
    if (child.type === 'text') return markText(child.value) as T[];
    if (child.type === 'element') return [{ ...child, children: markChildren(child.children) }];
    return [child];
  });
}

/**
 * Highlights code as a hast tree of `hljs-*` spans. Invisible characters are replaced by visible
 * `U+XXXX` markers so that what is displayed cannot read differently from what runs.
 */
export function highlightCode(code: string, language: string | undefined): Root {
  const name = codeLanguage(language);
  const tree: Root = name
    ? lowlight.highlight(name, code)
    : { type: 'root', children: [{ type: 'text', value: code }] };
  return { ...tree, children: markChildren(tree.children) };
}
