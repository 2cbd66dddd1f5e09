import { z } from 'zod';
import type { Tool } from './define-tool.js';

export type PythonParameter = { readonly name: string; readonly annotation: string; readonly required: boolean };

type JsonSchema = {
  type?: string | string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
};

function annotate(schema: JsonSchema | undefined): string {
  if (!schema) return 'object';
  if (schema.enum) return 'str';
  if (schema.anyOf) {
    const parts = [...new Set(schema.anyOf.filter((s) => s.type !== 'null').map(annotate))];
    return parts.length === 1 ? (parts[0] as string) : parts.join(' | ');
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return 'str';
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'array':
      return `list[${annotate(schema.items)}]`;
    case 'object':
      return 'dict';
    default:
      return 'object';
  }
}

/** The tool's parameters as Python sees them, in declaration order, required first. */
export function pythonParameters(tool: Tool): PythonParameter[] {
  const schema = z.toJSONSchema(tool.parameters, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const required = new Set(schema.required ?? []);
  const parameters = Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    annotation: annotate(property),
    required: required.has(name),
  }));
  return [...parameters.filter((p) => p.required), ...parameters.filter((p) => !p.required)];
}

/** `name(a: int, b: str = None) -> str`, as written in prompts. */
export function pythonSignature(tool: Tool): string {
  const parameters = pythonParameters(tool)
    .map((p) => `${p.name}: ${p.annotation}${p.required ? '' : ' = None'}`)
    .join(', ');
  return `${tool.name}(${parameters})${tool.returns ? ` -> ${tool.returns}` : ''}`;
}
