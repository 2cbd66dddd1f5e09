import type { Tool } from './define-tool.js';
import { pythonSignature } from './python-signature.js';

/**
 * The tool list as the CodeAct prompt shows it (MINT layout): a header line, then
 * `[i] signature` and the description, one block per tool. Empty string when there are no tools.
 */
export function describeTools(tools: readonly Tool[]): string {
  if (tools.length === 0) return '';
  const blocks = tools.map((tool, index) => {
    const description = tool.description.endsWith('\n') ? tool.description : `${tool.description}\n`;
    return `[${index + 1}] ${pythonSignature(tool)}\n${description}`;
  });
  return `Tool function available (already imported in <execute> environment):\n${blocks.join('\n')}\n`;
}
