import type { ReactNode } from 'react';
import { splitInvisible } from '../code/invisible-characters.js';

/** Text with each invisible or bidirectional control character shown as a marked `U+XXXX`. */
export function MarkedText({ text }: { readonly text: string }): ReactNode {
  return splitInvisible(text).map((segment, index) =>
    segment.invisible ? (
      <span key={index} className="invisible-char" title={segment.name} data-codepoint={segment.codePoint}>
        {segment.codePoint}
      </span>
    ) : (
      segment.text
    ),
  );
}
