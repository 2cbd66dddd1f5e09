import { toJsxRuntime } from 'hast-util-to-jsx-runtime';
import type { ReactNode } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { codeLanguage, highlightCode } from '../code/highlight-code.js';
import { hasInvisibleCharacters } from '../code/invisible-characters.js';

/**
 * A code block, highlighted (Python when unlabelled). Invisible and bidirectional control
 * characters are shown as marked code points, with a warning above the block.
 */
export function HighlightedCode({
  code,
  language = 'python',
}: {
  readonly code: string;
  readonly language?: string;
}): ReactNode {
  const name = codeLanguage(language);
  return (
    <>
      {hasInvisibleCharacters(code) && (
        <p className="notice warn invisible-warning" data-testid="invisible-warning">
          This code contains invisible or bidirectional Unicode characters; they are shown as marked code points (U+…).
        </p>
      )}
      <pre className="code" data-language={name ?? language}>
        <code className="hljs">{toJsxRuntime(highlightCode(code, language), { Fragment, jsx, jsxs })}</code>
      </pre>
    </>
  );
}
