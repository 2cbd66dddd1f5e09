import type { Tool } from './define-tool.js';
import { pythonParameters } from './python-signature.js';

/** The name of the function every executor runtime provides to forward a call to the host. */
export const toolBridgeFunction = '__codeact_call_tool__';

function pythonString(text: string): string {
  return JSON.stringify(text);
}

/**
 * Python source defining one function per tool. Each function has the tool's real signature and
 * docstring and forwards its arguments (unset optional ones omitted) to the host.
 */
export function renderPythonStubs(tools: readonly Tool[]): string {
  const lines: string[] = ['_codeact_unset = object()', ''];
  for (const tool of tools) {
    const parameters = pythonParameters(tool);
    const signature = parameters
      .map((p) => `${p.name}: ${p.annotation}${p.required ? '' : ' = _codeact_unset'}`)
      .join(', ');
    lines.push(`def ${tool.name}(${signature}):`);
    lines.push(`    ${pythonString(tool.description)}`);
    const pairs = parameters.map((p) => `(${pythonString(p.name)}, ${p.name})`).join(', ');
    lines.push(
      `    _args = {k: v for k, v in (${pairs}${parameters.length === 1 ? ',' : ''}) if v is not _codeact_unset}`,
    );
    lines.push(`    return ${toolBridgeFunction}(${pythonString(tool.name)}, _args)`);
    lines.push('');
  }
  return lines.join('\n');
}
