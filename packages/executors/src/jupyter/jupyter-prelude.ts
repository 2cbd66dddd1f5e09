/** Prefix of the input prompts that carry tool calls (`input_request` on the kernel's stdin channel). */
export const toolCallMarker = '\u0000codeact-tool-call:';

/**
 * Python run silently in each new (or restarted) kernel: plain, colourless tracebacks; a tool bridge
 * that sends each call to the host over the kernel's stdin channel (the tools' code and secrets stay on
 * the host); `input()` in user code reads nothing (EOFError), as with the local interpreters; stdout
 * and stderr capped per cell in the kernel (before Jupyter's own rate limit can drop output
 * silently), the dropped byte count sent as a display message of type `truncatedMimeType`.
 */
export const truncatedMimeType = 'application/x-codeact-truncated';

export function jupyterPrelude(toolStubs: string, maxOutputBytes: number): string {
  return `
def _codeact_setup():
    import builtins, json
    shell = get_ipython()
    shell.run_line_magic("xmode", "Plain")
    shell.run_line_magic("colors", "NoColor")
    kernel = shell.kernel
    marker = ${JSON.stringify(toolCallMarker)}

    class ToolError(Exception):
        """A tool failed on the host."""

    ToolError.__module__ = "builtins"
    errors = {"ToolError": ToolError, "TypeError": TypeError, "TimeoutError": TimeoutError, "PermissionError": PermissionError}

    def __codeact_call_tool__(name, args):
        request = json.dumps({"name": name, "args": args}, allow_nan=False, ensure_ascii=False)
        reply = json.loads(kernel.raw_input(marker + request))
        if reply.get("ok"):
            return reply.get("value")
        error = reply.get("error") or {}
        raise errors.get(error.get("type"), ToolError)(error.get("message", "tool call failed"))

    def no_input(prompt=""):
        raise EOFError("EOF when reading a line")

    limit = ${maxOutputBytes}
    counts = {"used": 0, "dropped": 0}

    streams = {}

    def cap(name, stream):
        write = stream.write
        streams[name] = stream

        def capped_write(text):
            if not isinstance(text, str):
                return write(text)
            # ipykernel buffers each stream on its own: flush the other one at a switch, so the
            # host sees stdout and stderr in the order they were written.
            if counts.get("last") not in (None, name):
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

    import sys
    cap("stdout", sys.stdout)
    cap("stderr", sys.stderr)

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

    builtins.__codeact_call_tool__ = __codeact_call_tool__
    builtins.ToolError = ToolError
    shell.events.register("pre_run_cell", before_cell)
    shell.events.register("post_run_cell", after_cell)

_codeact_setup()
del _codeact_setup
${toolStubs}
`;
}
