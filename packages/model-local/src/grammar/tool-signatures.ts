import type { Tool } from '@codeact/core';
import { z } from 'zod';
import type { JsonSchema } from './json-regex.js';

export type ToolParameterSignature = {
  readonly name: string;
  /** Undefined: any JSON value. */
  readonly schema?: JsonSchema | undefined;
  readonly required: boolean;
};

/** What the JSON action grammar needs to know about one tool: its name and positional parameters. */
export type ToolSignature = {
  readonly name: string;
  readonly parameters: readonly ToolParameterSignature[];
  /** Takes any number of further arguments (`*args`). */
  readonly variadic?: boolean | undefined;
};

/** Signatures of codeact tools, parameters in the order `toolCallHandler` matches them (required first). */
export function toolSignatures(tools: readonly Tool[]): ToolSignature[] {
  return tools.map((tool) => {
    const schema = z.toJSONSchema(tool.parameters, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    const parameters = Object.entries(schema.properties ?? {}).map(([name, property]) => ({
      name,
      schema: property,
      required: required.has(name),
    }));
    return {
      name: tool.name,
      parameters: [...parameters.filter((p) => p.required), ...parameters.filter((p) => !p.required)],
    };
  });
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '[' || char === '(') depth++;
    if (char === ']' || char === ')') depth--;
    if (char === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** A Python annotation as a JSON schema (`int` → integer, `list[str]` → array of strings, …). */
export function annotationSchema(annotation: string): JsonSchema | undefined {
  const text = annotation.trim();
  const union = splitTopLevel(text, '|');
  if (union.length > 1) {
    const members = union.map(annotationSchema);
    return members.some((member) => member === undefined) ? undefined : { anyOf: members as JsonSchema[] };
  }
  const generic = /^(\w+)\s*\[(.*)\]$/s.exec(text);
  const head = (generic?.[1] ?? text).toLowerCase();
  const inner = generic?.[2];
  switch (head) {
    case 'str':
      return { type: 'string' };
    case 'int':
      return { type: 'integer' };
    case 'float':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'list':
    case 'tuple':
    case 'sequence': {
      const items = inner === undefined ? undefined : annotationSchema(splitTopLevel(inner, ',')[0] ?? '');
      return items === undefined ? { type: 'array' } : { type: 'array', items };
    }
    case 'dict':
    case 'mapping':
      return { type: 'object' };
    case 'optional': {
      const value = inner === undefined ? undefined : annotationSchema(inner);
      return value === undefined ? undefined : { anyOf: [value, { type: 'null' }] };
    }
    default:
      return undefined;
  }
}

/**
 * Tool signatures listed in a prompt as `Signature: name(a: int, b: str = None) -> str` (the paper's
 * JSON and text formats, `describeToolsMarked`). `*args` makes a tool variadic.
 */
export function toolSignaturesFromPrompt(prompt: string): ToolSignature[] {
  const signatures: ToolSignature[] = [];
  for (const match of prompt.matchAll(/Signature:\s*([A-Za-z_]\w*)\s*\(([^\n]*)\)/g)) {
    const name = match[1] as string;
    if (signatures.some((signature) => signature.name === name)) continue;
    // `(a: int) -> (str, int)`: cut the parameter list at its own closing parenthesis.
    let depth = 1;
    let end = 0;
    const rest = match[2] as string;
    for (; end < rest.length && depth > 0; end++) {
      if (rest[end] === '(' || rest[end] === '[') depth++;
      if (rest[end] === ')' || rest[end] === ']') depth--;
    }
    const list = depth === 0 ? rest.slice(0, end - 1) : rest;
    const parameters: ToolParameterSignature[] = [];
    let variadic = false;
    for (const part of splitTopLevel(list, ',')) {
      if (part.startsWith('**') || part === '/' || part === '*') continue;
      if (part.startsWith('*')) {
        variadic = true;
        continue;
      }
      const [declaration = '', defaultValue] = part.split('=', 2);
      const [parameterName = '', annotation] = declaration.split(':', 2);
      parameters.push({
        name: parameterName.trim(),
        schema: annotation === undefined ? undefined : annotationSchema(annotation),
        required: defaultValue === undefined,
      });
    }
    signatures.push({
      name,
      parameters: [...parameters.filter((p) => p.required), ...parameters.filter((p) => !p.required)],
      variadic,
    });
  }
  return signatures;
}
