const pipLine = /^([ \t]*)[%!]pip3?[ \t]+install[ \t]+(.*?)[ \t]*$/gm;
const ignored = new Set(['-q', '--quiet', '-U', '--upgrade', '--user', '--no-cache-dir', '--progress-bar=off']);

/**
 * Rewrites `%pip install NAME ...` (or `!pip install`) lines into `install_packages([...])` calls, for
 * runners that cannot do it themselves (Pyodide); CPython's `codeact_cell.pip_magic` does the same.
 */
export function pipMagic(code: string): string {
  if (!code.includes('pip')) return code;
  return code.replace(pipLine, (_line, indent: string, rest: string) => {
    const names = rest.split(/\s+/).filter((word) => word !== '' && !ignored.has(word));
    return `${indent}install_packages(${JSON.stringify(names)})`;
  });
}
