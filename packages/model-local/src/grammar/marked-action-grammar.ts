import type { ActionGrammar } from './action-grammar.js';
import { whitespaceChars } from './codeact-grammar.js';
import { jsonArray, jsonSchemaValue, jsonString, jsonValue, jsonWhitespace } from './json-regex.js';
import {
  alt,
  and,
  anyText,
  excluding,
  literal,
  noneOf,
  oneOf,
  optional,
  type Regex,
  seq,
  skippable,
  star,
} from './regex.js';
import type { ToolSignature } from './tool-signatures.js';

const markers = ['Action:', 'Answer:'];

/** Not blank, and without the markers (a second marker would end the action early). */
function markedText(forbidden: readonly string[]): Regex {
  return and(seq(star(oneOf(whitespaceChars)), noneOf(whitespaceChars), anyText), excluding(forbidden));
}

function markedGrammar(name: string, action: Regex): ActionGrammar {
  const prose = skippable(excluding(markers));
  return {
    name,
    regex: seq(
      prose,
      alt(seq(literal('Action:'), action, literal('End Action')), seq(literal('Answer:'), markedText(markers))),
    ),
  };
}

/**
 * The paper's marker formats (M³ToolEval text and code actions): free thought text, then one
 * `Action: … End Action` or one `Answer: …`. The action is any text without the markers.
 */
export function markedActionGrammar(): ActionGrammar {
  sharedMarked ??= markedGrammar('marked', markedText([...markers, 'End Action']));
  return sharedMarked;
}

let sharedMarked: ActionGrammar | undefined;

function positionalArguments(tool: ToolSignature, forbidden: readonly string[]): Regex {
  const separator = seq(jsonWhitespace, literal(','), jsonWhitespace);
  const extra = star(seq(separator, jsonValue(2, forbidden)));
  let tail: Regex = tool.variadic ? extra : seq();
  for (let index = tool.parameters.length - 1; index >= 1; index--) {
    const parameter = tool.parameters[index];
    const item = seq(separator, jsonSchemaValue(parameter?.schema, forbidden), tail);
    tail = parameter?.required ? item : optional(item);
  }
  const first = tool.parameters[0];
  if (!first) {
    return tool.variadic ? jsonArray(jsonValue(2, forbidden)) : seq(literal('['), jsonWhitespace, literal(']'));
  }
  const list = seq(jsonSchemaValue(first.schema, forbidden), tail);
  return seq(literal('['), jsonWhitespace, first.required ? list : optional(list), jsonWhitespace, literal(']'));
}

/**
 * The paper's JSON action format: thought text, then `Action: {"tool": name, "args": [...]} End Action`
 * or `Answer: …`. With `tools`, the name is one of theirs and the arguments match its parameters in
 * order (required first); without, any name and any JSON arguments. Strings never contain `Action:`,
 * `Answer:` or `End Action`, so the reply reads back as exactly this one call.
 */
export function jsonActionGrammar(options: { tools?: readonly ToolSignature[] | undefined } = {}): ActionGrammar {
  const key = JSON.stringify(options.tools ?? []);
  let grammar = jsonGrammars.get(key);
  if (!grammar) {
    grammar = buildJsonActionGrammar(options.tools ?? []);
    jsonGrammars.set(key, grammar);
  }
  return grammar;
}

const jsonGrammars = new Map<string, ActionGrammar>();

function buildJsonActionGrammar(tools: readonly ToolSignature[]): ActionGrammar {
  const forbidden = [...markers, 'End Action'];
  const field = (key: string, value: Regex) =>
    seq(literal(JSON.stringify(key)), jsonWhitespace, literal(':'), jsonWhitespace, value);
  const call =
    tools.length === 0
      ? seq(
          field('tool', jsonString(forbidden)),
          jsonWhitespace,
          literal(','),
          jsonWhitespace,
          field('args', jsonArray(jsonValue(2, forbidden))),
        )
      : alt(
          ...tools.map((tool) =>
            seq(
              field('tool', literal(JSON.stringify(tool.name))),
              jsonWhitespace,
              literal(','),
              jsonWhitespace,
              field('args', positionalArguments(tool, forbidden)),
            ),
          ),
        );
  const object = seq(literal('{'), jsonWhitespace, call, jsonWhitespace, literal('}'));
  return markedGrammar('json', seq(jsonWhitespace, object, jsonWhitespace));
}
