import { defineTool, pythonSignature, type Tool } from '@codeact/core';
import { z } from 'zod';

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

/**
 * `SERVER.search(query, limit=10)`: for servers too large to list in the prompt. Ranks the server's
 * tools by how many query words their name and description contain; returns `signature: summary` lines.
 */
export function mcpSearchTool(server: string, memberName: string, tools: readonly Tool[]): Tool {
  return defineTool({
    name: `${server}.${memberName}`,
    description: `Finds tools of the ${server} server whose name or description matches the query; read one with help(${server}.TOOL).`,
    parameters: z.object({ query: z.string(), limit: z.number().int().positive().optional() }),
    returns: 'list[str]',
    execute: ({ query, limit }) => {
      const words = query
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
      const scored = tools.map((tool) => {
        const text = `${tool.name.replace(/_/g, ' ')} ${tool.description}`.toLowerCase();
        return { tool, score: words.filter((word) => text.includes(word)).length };
      });
      return scored
        .filter(({ score }) => score > 0 || words.length === 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit ?? 10)
        .map(({ tool }) => `${pythonSignature(tool)}: ${firstLine(tool.description)}`);
    },
  }) as unknown as Tool;
}
