import type { ReactNode } from 'react';
import { highlightPython } from '../highlight-python.js';

/** A code block; Python (and unlabelled code) is syntax-highlighted with token spans. */
export function HighlightedCode({
  code,
  language = 'python',
}: {
  readonly code: string;
  readonly language?: string;
}): ReactNode {
  const isPython = language === '' || /^(python3?|py)$/i.test(language);
  return (
    <pre className="code" data-language={isPython ? 'python' : language}>
      <code>
        {isPython
          ? highlightPython(code).map((token, index) =>
              token.kind === 'text' ? (
                token.text
              ) : (
                <span key={index} className={`tok-${token.kind}`}>
                  {token.text}
                </span>
              ),
            )
          : code}
      </code>
    </pre>
  );
}
