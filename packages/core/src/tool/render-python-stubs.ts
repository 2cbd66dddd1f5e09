import type { Tool } from './define-tool.js';
import { pythonParameters } from './python-signature.js';

/** The name of the function every executor runtime provides to forward a call to the host. */
export const toolBridgeFunction = '__codeact_call_tool__';

function pythonString(text: string): string {
  return JSON.stringify(text);
}

const namespaceClass = `class _codeact_namespace:
    """Tools grouped under one name, e.g. the tools of one MCP server."""

    def __init__(self, name, members):
        self.__name__ = name
        self.__dict__.update(members)

    def __repr__(self):
        return f'<tools {self.__name__}: {", ".join(k for k in vars(self) if not k.startswith("_"))}>'
`;

// The return annotation as the prompt shows it (\`-> dict\`): an object whose repr is the text, so
// \`help()\` and \`inspect.signature\` print it whatever the text is.
const returnsClass = `class _codeact_returns:
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text
`;

/**
 * Python source defining one function per tool (with its return annotation when it has one). Each function has the tool's real signature and
 * docstring and forwards its arguments (unset optional ones omitted) to the host. A dotted name
 * `space.member` puts the function in namespace `space`, called as `space.member(...)`.
 */
export function renderPythonStubs(tools: readonly Tool[]): string {
  const lines: string[] = ['_codeact_unset = object()', '', returnsClass];
  const namespaces = new Map<string, [member: string, variable: string][]>();
  tools.forEach((tool, index) => {
    const [space, member] = tool.name.includes('.') ? tool.name.split('.') : [];
    const variable = space && member ? `_codeact_tool_${index}` : tool.name;
    const parameters = pythonParameters(tool);
    const signature = parameters
      .map((p) => `${p.name}: ${p.annotation}${p.required ? '' : ' = _codeact_unset'}`)
      .join(', ');
    const returns = tool.returns ? ` -> _codeact_returns(${pythonString(tool.returns)})` : '';
    lines.push(`def ${variable}(${signature})${returns}:`);
    lines.push(`    ${pythonString(tool.description)}`);
    const pairs = parameters.map((p) => `(${pythonString(p.name)}, ${p.name})`).join(', ');
    lines.push(
      `    _args = {k: v for k, v in (${pairs}${parameters.length === 1 ? ',' : ''}) if v is not _codeact_unset}`,
    );
    lines.push(`    return ${toolBridgeFunction}(${pythonString(tool.name)}, _args)`);
    lines.push('');
    if (space && member) {
      lines.push(`${variable}.__name__ = ${pythonString(member)}`);
      lines.push(`${variable}.__qualname__ = ${pythonString(tool.name)}`);
      lines.push('');
      namespaces.set(space, [...(namespaces.get(space) ?? []), [member, variable]]);
    }
  });
  if (namespaces.size > 0) lines.push(namespaceClass);
  for (const [space, members] of namespaces) {
    const entries = members.map(([member, variable]) => `${pythonString(member)}: ${variable}`).join(', ');
    lines.push(`${space} = _codeact_namespace(${pythonString(space)}, {${entries}})`);
    lines.push(`del ${members.map(([, variable]) => variable).join(', ')}`);
  }
  return lines.join('\n');
}
