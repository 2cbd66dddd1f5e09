import { alt, and, excluding, literal, noneOf, oneOf, optional, plus, type Regex, seq, star } from './regex.js';

const digits = '0123456789';
const controlChars = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code));

export const jsonWhitespace: Regex = star(oneOf(' \t\n'));

/** A JSON string literal whose raw text (between the quotes) contains none of `forbidden`. */
export function jsonString(forbidden: readonly string[] = []): Regex {
  const hex = oneOf(`${digits}abcdefABCDEF`);
  const character = alt(
    noneOf(['"', '\\', ...controlChars]),
    seq(literal('\\'), alt(oneOf('"\\/bfnrt'), seq(literal('u'), hex, hex, hex, hex))),
  );
  return seq(literal('"'), and(star(character), excluding(forbidden)), literal('"'));
}

export const jsonInteger: Regex = seq(
  optional(literal('-')),
  alt(literal('0'), seq(oneOf('123456789'), star(oneOf(digits)))),
);

export const jsonNumber: Regex = seq(
  jsonInteger,
  optional(seq(literal('.'), plus(oneOf(digits)))),
  optional(seq(oneOf('eE'), optional(oneOf('+-')), plus(oneOf(digits)))),
);

export const jsonBoolean: Regex = alt(literal('true'), literal('false'));

/** `[item, item, …]` with optional whitespace. */
export function jsonArray(item: Regex): Regex {
  const more = star(seq(jsonWhitespace, literal(','), jsonWhitespace, item));
  return seq(literal('['), jsonWhitespace, optional(seq(item, more)), jsonWhitespace, literal(']'));
}

/** `{"key": value, …}` with any keys. */
export function jsonObject(value: Regex, key: Regex): Regex {
  const member = seq(key, jsonWhitespace, literal(':'), jsonWhitespace, value);
  const more = star(seq(jsonWhitespace, literal(','), jsonWhitespace, member));
  return seq(literal('{'), jsonWhitespace, optional(seq(member, more)), jsonWhitespace, literal('}'));
}

/** Any JSON value nested at most `depth` arrays or objects deep. */
export function jsonValue(depth: number, forbidden: readonly string[] = []): Regex {
  const string = jsonString(forbidden);
  const scalar = alt(string, jsonNumber, jsonBoolean, literal('null'));
  if (depth <= 0) return scalar;
  const inner = jsonValue(depth - 1, forbidden);
  return alt(scalar, jsonArray(inner), jsonObject(inner, string));
}

/** A JSON schema as `z.toJSONSchema` writes it (the parts the grammar reads). */
export type JsonSchema = {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
};

/** Values matching `schema`; parts it cannot express (objects' keys, formats, bounds) accept any JSON. */
export function jsonSchemaValue(schema: JsonSchema | undefined, forbidden: readonly string[], depth = 2): Regex {
  if (!schema) return jsonValue(depth, forbidden);
  if (schema.const !== undefined) return literal(JSON.stringify(schema.const));
  if (schema.enum) return alt(...schema.enum.map((value) => literal(JSON.stringify(value))));
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return alt(...union.map((member) => jsonSchemaValue(member, forbidden, depth)));
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  if (types.length === 0) return jsonValue(depth, forbidden);
  return alt(
    ...types.map((type) => {
      switch (type) {
        case 'string':
          return jsonString(forbidden);
        case 'integer':
          return jsonInteger;
        case 'number':
          return jsonNumber;
        case 'boolean':
          return jsonBoolean;
        case 'null':
          return literal('null');
        case 'array':
          return jsonArray(jsonSchemaValue(schema.items, forbidden, Math.max(0, depth - 1)));
        default:
          return jsonObject(jsonValue(Math.max(0, depth - 1), forbidden), jsonString(forbidden));
      }
    }),
  );
}
