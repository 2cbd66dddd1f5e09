import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ConfigurationError, isToolName, type Tool } from '@codeact/core';

/** What `--tools` files add: host tools from modules, and Python source run in every session. */
export type ToolsFiles = {
  /** Tools exported by `.mjs` / `.js` / `.ts` modules (they run on the host). */
  readonly tools: readonly Tool[];
  /** The `.py` files' source, run in the sandbox at session start (and after restarts). */
  readonly pythonSource: string;
  /** The `.py` files' public functions as the prompt lists tools: `[i] signature` and docstring. */
  readonly pythonListing: string;
};

type PythonFunction = { name: string; signature: string; doc: string };

/** Lists a Python file's public top-level functions with `ast` (the file is parsed, never run, on the host). */
const describeScript = `
import ast, json, sys
source = sys.stdin.read()
try:
    tree = ast.parse(source, sys.argv[1])
except SyntaxError as error:
    print(json.dumps({"error": f"line {error.lineno}: {error.msg}"}))
    sys.exit(0)
functions = []
for node in tree.body:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
        signature = f"{node.name}({ast.unparse(node.args)})" + (f" -> {ast.unparse(node.returns)}" if node.returns else "")
        functions.append({"name": node.name, "signature": signature, "doc": ast.get_docstring(node) or ""})
print(json.dumps({"functions": functions}))
`;

async function describePython(path: string, source: string): Promise<PythonFunction[]> {
  const child = promisify(execFile)('python3', ['-c', describeScript, basename(path)], { maxBuffer: 16 << 20 });
  child.child.stdin?.end(source);
  const { stdout } = await child.catch((error: Error) => {
    throw new ConfigurationError(
      `Cannot read --tools ${path}: python3 is needed to list its functions (${error.message}).`,
    );
  });
  const parsed = JSON.parse(stdout) as { error?: string; functions?: PythonFunction[] };
  if (parsed.error) throw new ConfigurationError(`--tools ${path}: ${parsed.error}`);
  return parsed.functions ?? [];
}

function isTool(value: unknown): value is Tool {
  if (typeof value !== 'object' || value === null) return false;
  const tool = value as Partial<Tool>;
  return (
    typeof tool.name === 'string' &&
    typeof tool.description === 'string' &&
    typeof tool.execute === 'function' &&
    typeof (tool.parameters as { safeParse?: unknown } | undefined)?.safeParse === 'function'
  );
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  if (extname(path) === '.ts' || extname(path) === '.mts') {
    const { createJiti } = await import('jiti');
    return (await createJiti(import.meta.url).import(path)) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

async function moduleTools(path: string): Promise<Tool[]> {
  const exports = await importModule(path).catch((error: Error) => {
    throw new ConfigurationError(`Cannot load --tools ${path}: ${error.message.split('\n')[0]}`);
  });
  const tools = Object.values(exports)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter(isTool);
  if (tools.length === 0) {
    throw new ConfigurationError(
      `--tools ${path} exports no tools: export defineTool({ name, description, parameters, execute }) values (or an array of them).`,
    );
  }
  for (const tool of tools) {
    if (!isToolName(tool.name))
      throw new ConfigurationError(
        `--tools ${path}: tool name ${JSON.stringify(tool.name)} is not a Python identifier.`,
      );
  }
  return [...new Set(tools)];
}

/**
 * Loads `--tools` files: `.py` files are plain Python functions defined in the sandbox before the
 * first action; `.mjs`/`.js`/`.ts` modules export `defineTool` tools that run on the host.
 */
export async function loadToolsFiles(paths: readonly string[], cwd: string): Promise<ToolsFiles> {
  const tools: Tool[] = [];
  const sources: string[] = [];
  const blocks: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const extension = extname(path);
    if (extension === '.py') {
      const source = await readFile(path, 'utf8').catch(() => {
        throw new ConfigurationError(`Cannot read --tools ${given}: no such file.`);
      });
      const functions = await describePython(given, source);
      sources.push(`# --tools ${basename(path)}\n${source}`);
      for (const fn of functions) blocks.push(`${fn.signature}\n${fn.doc ? `${fn.doc}\n` : ''}`);
    } else if (['.mjs', '.js', '.ts', '.mts'].includes(extension)) {
      tools.push(...(await moduleTools(path)));
    } else {
      throw new ConfigurationError(
        `--tools takes FILE.py (Python functions) or FILE.mjs|.js|.ts (defineTool tools), not ${given}.`,
      );
    }
  }
  const listing = blocks.map((block, index) => `[${index + 1}] ${block}`).join('\n');
  return {
    tools,
    pythonSource: sources.join('\n\n'),
    pythonListing: listing
      ? `Python functions available (already defined in the <execute> environment):\n${listing}`
      : '',
  };
}
