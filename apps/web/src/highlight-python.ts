/** A piece of highlighted source; `kind` becomes a CSS class. */
export type CodeToken = {
  readonly kind:
    | 'keyword'
    | 'builtin'
    | 'string'
    | 'number'
    | 'comment'
    | 'function'
    | 'decorator'
    | 'operator'
    | 'text';
  readonly text: string;
};

const keywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case'.split(
    ' ',
  ),
);
const builtins = new Set(
  'print len range int float str list dict set tuple bool type isinstance enumerate zip map filter sorted sum min max abs round open super object Exception ValueError TypeError KeyError IndexError NameError AttributeError self'.split(
    ' ',
  ),
);

const tokenPattern = new RegExp(
  [
    String.raw`(?<comment>#[^\n]*)`,
    String.raw`(?<string>[rRbBuUfF]{0,2}(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?))`,
    String.raw`(?<decorator>@[A-Za-z_][\w.]*)`,
    String.raw`(?<number>\b(?:0[xob][\da-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?j?|\.\d+(?:[eE][+-]?\d+)?j?)\b)`,
    String.raw`(?<name>[A-Za-z_]\w*)`,
    String.raw`(?<operator>[-+*/%=<>!&|^~:.,;()[\]{}]+)`,
  ].join('|'),
  'gu',
);

/** Splits Python source into tokens for display; the concatenated texts equal the input. */
export function highlightPython(code: string): CodeToken[] {
  const tokens: CodeToken[] = [];
  let last = 0;
  const push = (kind: CodeToken['kind'], text: string) => {
    const previous = tokens.at(-1);
    if (previous && previous.kind === kind && kind === 'text')
      tokens[tokens.length - 1] = { kind, text: previous.text + text };
    else if (text) tokens.push({ kind, text });
  };
  for (const match of code.matchAll(tokenPattern)) {
    const index = match.index ?? 0;
    if (index > last) push('text', code.slice(last, index));
    const groups = match.groups ?? {};
    const text = match[0];
    if (groups.comment !== undefined) push('comment', text);
    else if (groups.string !== undefined) push('string', text);
    else if (groups.decorator !== undefined) push('decorator', text);
    else if (groups.number !== undefined) push('number', text);
    else if (groups.name !== undefined) {
      if (keywords.has(text)) push('keyword', text);
      else if (builtins.has(text)) push('builtin', text);
      else if (/^\s*\(/.test(code.slice(index + text.length))) push('function', text);
      else push('text', text);
    } else push('operator', text);
    last = index + text.length;
  }
  if (last < code.length) push('text', code.slice(last));
  return tokens;
}
