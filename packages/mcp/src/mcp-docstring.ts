import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';

type Property = { type?: string | string[]; description?: string; enum?: unknown[]; items?: Property };

function typeText(property: Property | undefined): string {
  if (!property) return 'any';
  if (property.enum) return `one of ${property.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  const type = Array.isArray(property.type) ? property.type.join(' | ') : (property.type ?? 'any');
  return type === 'array' ? `array of ${typeText(property.items)}` : type;
}

function fieldLines(properties: Record<string, Property> | undefined, pythonNames?: ReadonlyMap<string, string>) {
  return Object.entries(properties ?? {}).map(([key, property]) => {
    const name = pythonNames?.get(key) ?? key;
    return `    ${name} (${typeText(property)})${property.description ? `: ${property.description}` : ''}`;
  });
}

/**
 * The Python docstring of an MCP tool: its description, then its arguments and, when it declares
 * an output schema, the fields of the dict it returns.
 */
export function mcpDocstring(tool: McpTool, pythonNames: ReadonlyMap<string, string>): string {
  const parts = [(tool.description ?? tool.title ?? tool.name).trim()];
  const args = fieldLines(tool.inputSchema.properties as Record<string, Property> | undefined, pythonNames);
  if (args.length > 0) parts.push(`Args:\n${args.join('\n')}`);
  if (tool.outputSchema) {
    const fields = fieldLines(tool.outputSchema.properties as Record<string, Property> | undefined);
    parts.push(`Returns:\n    dict${fields.length > 0 ? ` with:\n${fields.join('\n')}` : ''}`);
  } else {
    parts.push('Returns:\n    str: the text the tool returned');
  }
  return parts.join('\n\n');
}
