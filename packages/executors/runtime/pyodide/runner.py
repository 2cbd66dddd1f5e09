# The codeact cell runner inside Pyodide. The worker runs this file once in a private namespace and
# calls `install`, `setup` and `run`; user code runs in a separate globals dict. Cell semantics are
# specified in architecture/executors.md and shared with the CPython runner (python/codeact_cell.py);
# the worker first runs python/codeact_rules.py in this namespace (check_depth, dumps, loads, shorten,
# suppressed, trimmed).
import ast
import builtins
import io
import linecache
import sys
import time
import traceback
import types

# Functions defined below look names up here, not in `builtins`, and use what they need from modules
# as captured now: user code may rebind `builtins.print`, `json.dumps` or `time.monotonic`.
__builtins__ = dict(vars(builtins))
_parse, _Expr, _Expression = ast.parse, ast.Expr, ast.Expression
_TracebackException, _StackSummary = traceback.TracebackException, traceback.StackSummary
_format_exception_only = traceback.format_exception_only
_monotonic = time.monotonic
_line_cache = linecache.cache
_hidden = {"<codeact-runner>"}


class ToolError(Exception):
    """A tool called from Python failed on the host."""


builtins.ToolError = ToolError

_tool_errors = {
    "ToolError": ToolError,
    "TypeError": TypeError,
    "TimeoutError": TimeoutError,
    "PermissionError": PermissionError,
}


class _Capture(io.TextIOBase):
    """A text stream that keeps the first `limit` UTF-8 bytes and counts the rest."""

    def __init__(self, name):
        self._name = name
        self.live = None  # called with (stream, text) for every kept piece while a cell runs
        self.durable = None  # called by flush() with what the host has not seen yet, while a cell runs
        self.reset(0)

    def reset(self, limit):
        self._parts = []
        self._sent = 0
        self._left = limit
        self.dropped = 0

    @property
    def name(self):
        return self._name

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def flush(self):
        """Flushed output reaches the host at once, so it survives a crash that follows (os._exit)."""
        if self.durable is None or self._sent == len(self._parts):
            return
        text = "".join(self._parts[self._sent :])
        self._sent = len(self._parts)
        if text:
            self.durable(self._name[1:-1], text)

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        size = len(text) if text.isascii() else len(text.encode("utf-8", "replace"))
        if size <= self._left:
            kept = text
            self._left -= size
        elif self._left > 0:
            if text.isascii():
                kept = text[: self._left]
            else:
                kept = text.encode("utf-8", "replace")[: self._left].decode("utf-8", "ignore")
            kept_size = len(kept.encode("utf-8", "replace"))
            self.dropped += size - kept_size
            self._left = 0
        else:
            self.dropped += size
            return len(text)
        self._parts.append(kept)
        if kept and self.live is not None:
            self.live(self._name[1:-1], kept)
            self._sent = len(self._parts)
        return len(text)

    def take(self):
        text = "".join(self._parts)
        self._parts = []
        self._sent = 0
        return text

    @property
    def buffer(self):
        return _BinaryView(self)


class _BinaryView(io.RawIOBase):
    """`sys.stdout.buffer`: bytes written here join the text capture, decoded as UTF-8."""

    def __init__(self, text):
        self._text = text

    def writable(self):
        return True

    def write(self, data):
        self._text.write(bytes(data).decode("utf-8", "replace"))
        return len(data)


_stdout = _Capture("<stdout>")
_stderr = _Capture("<stderr>")
# User code runs in a real __main__ module, so pickle, dataclasses and typing find what it defines.
_main = types.ModuleType("__main__")
_main.__builtins__ = builtins
sys.modules["__main__"] = _main
_globals = _main.__dict__
_limit = 1 << 20
_count = 0


def _take_raw(fd):
    return 0 if fd == 0 else None


_emit_output = None


def _sleep_in_slices(real_sleep, take_interrupt):
    # Pyodide's interrupt buffer is not checked during a blocking sleep; short slices that look at
    # it let a timeout land as KeyboardInterrupt (state kept) instead of needing a hard kill.
    def sleep(seconds):
        """Delay execution for a given number of seconds."""
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        end = _monotonic() + seconds
        while True:
            left = end - _monotonic()
            if left <= 0:
                return None
            real_sleep(0.005 if left > 0.005 else left)
            if take_interrupt():
                raise KeyboardInterrupt

    return sleep


def install(call_tool, limit, take_raw, take_interrupt, emit_output):
    """Wires the tool bridge and the output capture; runs once per interpreter."""
    global _limit, _take_raw, _emit_output
    _limit = int(limit)
    _take_raw = take_raw
    _emit_output = emit_output

    def __codeact_call_tool__(name, args):
        check_depth(name, args)
        try:
            request = dumps({"name": name, "args": args}, False)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{name}() arguments must be JSON values: {error}") from None
        reply = loads(call_tool(request))
        if reply.get("ok"):
            return reply.get("value")
        error = reply.get("error") or {}
        raise _tool_errors.get(error.get("type"), ToolError)(error.get("message", "tool call failed"))

    builtins.__codeact_call_tool__ = __codeact_call_tool__
    time.sleep = _sleep_in_slices(time.sleep, take_interrupt)
    sys.stdout = _stdout
    sys.stderr = _stderr
    for name in ("js", "pyodide_js"):
        sys.modules.pop(name, None)


def _format(error):
    """The traceback without the runner's own frames (tool bridge, sliced sleep), which mean nothing
    to the code's author, also in chained exceptions; huge messages are cut."""
    if isinstance(error, SyntaxError):
        return _format_exception_only(type(error), error)
    report = _TracebackException(type(error), error, error.__traceback__)
    trimmed(report, _hidden, _StackSummary.from_list)
    return report.format()


def _describe(error):
    name = type(error).__name__
    try:
        message = shorten(str(error.msg) if isinstance(error, SyntaxError) else str(error))
        text = "".join(_format(error))
    except BaseException:
        message = f"<unprintable {name}>"
        text = f"{name}: {message}\n"
    return {"name": name, "message": message, "traceback": text}


def _evaluate(code, filename):
    _line_cache[filename] = (len(code), None, code.splitlines(True), filename)
    tree = _parse(code, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], _Expr) and not suppressed(code, tree.body[-1]):
        last = _Expression(tree.body.pop().value)
    if tree.body:
        exec(compile(tree, filename, "exec", dont_inherit=True), _globals)
    if last is not None:
        return eval(compile(last, filename, "eval", dont_inherit=True), _globals)
    return None


def _finish(reply):
    # Output written below sys.stdout/sys.stderr (os.write, sys.__stdout__) was buffered in JS.
    for fd, stream in ((1, _stdout), (2, _stderr)):
        text = _take_raw(fd)
        if text is not None:
            stream.write(text)
    _stdout.dropped += _take_raw(0)
    reply["stdout"] = _stdout.take()
    reply["stderr"] = _stderr.take()
    dropped = _stdout.dropped + _stderr.dropped
    if dropped:
        reply["truncatedBytes"] = dropped
    return dumps(reply, False)


def run(code, live=False):
    """Runs one cell in the persistent globals; returns the reply as JSON. With `live`, output also
    goes to the host as it is written."""
    global _count
    _count += 1
    _stdout.reset(_limit)
    _stderr.reset(_limit)
    sys.stdout = _stdout
    sys.stderr = _stderr
    _stdout.live = _stderr.live = _emit_output if live else None
    _stdout.durable = _stderr.durable = _emit_output
    reply = {}
    try:
        try:
            value = _evaluate(code, f"<cell {_count}>")
            if value is not None:
                text = repr(value)
                if len(text) > _limit:
                    _stdout.dropped += len(text) - _limit
                    text = text[:_limit]
                reply["result"] = text
        except BaseException as error:
            reply["error"] = _describe(error)
        return _finish(reply)
    finally:
        _stdout.live = _stderr.live = _stdout.durable = _stderr.durable = None


def setup(code):
    """Runs tool stubs silently; only an error is reported."""
    _stdout.reset(0)
    _stderr.reset(0)
    reply = {}
    try:
        exec(compile(code, "<codeact-tools>", "exec", dont_inherit=True), _globals)
    except BaseException as error:
        reply["error"] = _describe(error)
    return _finish(reply)


def warm():
    """Exercises the parser, compiler, tracebacks and JSON once, while the interpreter is still in
    the pool, so that the first real cell does not pay for compiling those wasm paths."""
    global _count
    setup('def _codeact_warm(a: int, b: int = 1):\n    "Warm-up."\n    return {"a": a, "b": [b, 1.5, None]}\n')
    run("import inspect\nprint(_codeact_warm(1))\nstr(inspect.signature(_codeact_warm))")
    run("1 / 0")
    run("def broken(:")
    for name in ("_codeact_warm", "inspect"):
        _globals.pop(name, None)
    for number in range(1, _count + 1):
        _line_cache.pop(f"<cell {number}>", None)
    _count = 0
