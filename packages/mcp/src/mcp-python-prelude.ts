import { imageEnvelopeKey } from './mcp-result.js';

/**
 * Python run after the tool stubs: wraps each MCP tool so images in its result are shown as figures
 * (like matplotlib's) and only the value is returned. `functools.wraps` keeps the stub's signature
 * and docstring for `help()`.
 */
export function mcpPythonPrelude(toolNames: readonly string[]): string {
  if (toolNames.length === 0) return '';
  return `
def _codeact_mcp_wrap(_function):
    import functools

    @functools.wraps(_function)
    def _call(*args, **kwargs):
        value = _function(*args, **kwargs)
        if isinstance(value, dict) and value.get(${JSON.stringify(imageEnvelopeKey)}) == 1:
            import sys
            cell = sys.modules.get('codeact_cell')
            for image in value.get('images') or []:
                shown = getattr(cell, 'shown', None)
                if shown is not None and image.get('mimeType') == 'image/png':
                    shown.append({'type': 'image', 'mimeType': 'image/png', 'data': image['data'], 'name': image['name'] + '.png'})
                else:
                    print(f"[{image.get('mimeType')} image {image.get('name')}]")
            return value.get('value')
        return value

    return _call


for _codeact_name in ${JSON.stringify(toolNames)}:
    _codeact_space, _codeact_member = _codeact_name.split('.')
    setattr(globals()[_codeact_space], _codeact_member, _codeact_mcp_wrap(getattr(globals()[_codeact_space], _codeact_member)))
del _codeact_name, _codeact_space, _codeact_member, _codeact_mcp_wrap
`;
}
