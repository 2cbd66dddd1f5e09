import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Prefix of the input prompts that carry tool calls (`input_request` on the kernel's stdin channel). */
export const toolCallMarker = '\u0000codeact-tool-call:';
/** Display messages of these types carry a cell's trailing value, its error and its dropped byte count. */
export const resultMimeType = 'application/x-codeact-result';
export const errorMimeType = 'application/x-codeact-error';
export const truncatedMimeType = 'application/x-codeact-truncated';

const source = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
let runner: { rules: string; cell: string; kernel: string } | undefined;

/** The code that runs one action through the kernel-side runner, named `<cell N>`. */
export function cellCall(cellNumber: number, code: string): string {
  return `__codeact_cell__(${cellNumber}, ${JSON.stringify(code)})`;
}

/**
 * Python run silently in each new (or restarted) kernel. It loads the runner (the shared
 * `python/codeact_rules.py` and `python/codeact_cell.py`, and `runtime/jupyter/codeact_kernel.py`, sent as source: runner code, never
 * tool code) and sets up: plain, colourless tracebacks; the tool bridge over the kernel's stdin
 * channel (tools and their secrets stay on the host); `input()` in user code reading nothing
 * (EOFError); stdout and stderr capped per cell in the kernel (before Jupyter's own rate limit can drop
 * output silently), flushed at a switch between them so the host sees them in order, the dropped byte
 * count sent as a `truncatedMimeType` display message.
 */
export function jupyterPrelude(toolStubs: string, maxOutputBytes: number): string {
  runner ??= {
    rules: source('../../python/codeact_rules.py'),
    cell: source('../../python/codeact_cell.py'),
    kernel: source('../../runtime/jupyter/codeact_kernel.py'),
  };
  return `
def _codeact_setup():
    import builtins, sys, types
    shell = get_ipython()
    shell.run_line_magic("xmode", "Plain")
    shell.run_line_magic("colors", "NoColor")
    for name, text, filename in (("codeact_rules", ${JSON.stringify(runner.rules)}, "<codeact-rules>"), ("codeact_cell", ${JSON.stringify(runner.cell)}, "<codeact-cell>"), ("codeact_kernel", ${JSON.stringify(runner.kernel)}, "<codeact-kernel>")):
        module = types.ModuleType(name)
        sys.modules[name] = module
        exec(compile(text, filename, "exec"), module.__dict__)
    runner = sys.modules["codeact_kernel"]
    sys.modules["codeact_cell"].hidden.update(("<codeact-rules>", "<codeact-cell>", "<codeact-kernel>"))
    runner.marker = ${JSON.stringify(toolCallMarker)}
    runner.kernel = shell.kernel
    runner.cap = ${maxOutputBytes}
    limit = ${maxOutputBytes}
    counts = {"used": 0, "dropped": 0, "last": None}
    runner.counts = counts
    streams = {}

    def cap(name, stream):
        write = stream.write
        streams[name] = stream

        def capped_write(text):
            if not isinstance(text, str):
                return write(text)
            if counts["last"] not in (None, name):
                streams[counts["last"]].flush()
            counts["last"] = name
            data = text.encode("utf-8", "replace")
            room = max(0, limit - counts["used"])
            if len(data) <= room:
                counts["used"] += len(data)
                return write(text)
            kept = data[:room].decode("utf-8", "ignore")
            size = len(kept.encode("utf-8"))
            counts["used"] += size
            counts["dropped"] += len(data) - size
            if kept:
                write(kept)
            return len(text)

        stream.write = capped_write

    cap("stdout", sys.stdout)
    cap("stderr", sys.stderr)

    def no_input(prompt=""):
        raise EOFError("EOF when reading a line")

    def before_cell(*_):
        builtins.input = no_input
        counts["used"] = 0
        counts["dropped"] = 0

    def after_cell(*_):
        if counts["dropped"]:
            from IPython.display import publish_display_data
            sys.stdout.flush()
            sys.stderr.flush()
            publish_display_data({${JSON.stringify(truncatedMimeType)}: str(counts["dropped"])})

    builtins.__codeact_call_tool__ = runner.call_tool
    builtins.ToolError = runner.ToolError
    builtins.__codeact_cell__ = lambda number, code: runner.run(number, code, shell.user_ns)
    shell.events.register("pre_run_cell", before_cell)
    shell.events.register("post_run_cell", after_cell)

_codeact_setup()
del _codeact_setup
${toolStubs}
`;
}
