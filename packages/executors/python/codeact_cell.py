"""One CodeAct cell: compile it, run it with captured output, format its error, collect its figures."""
import _ast
import builtins
import fcntl
import os
import sys
import termios
import time

from codeact_rules import shorten, suppressed, trimmed

# Functions defined below look names up here, not in `builtins`: user code may rebind `builtins.len`.
__builtins__ = dict(vars(builtins))
_Expr, _Expression, _Module, _ONLY_AST = _ast.Expr, _ast.Expression, _ast.Module, _ast.PyCF_ONLY_AST
_current_frames = sys._current_frames
_monotonic = time.monotonic
_sleep = time.sleep
# How long threads an action started may take to finish once it has ended.
thread_grace_seconds = 0.2
_exit = os._exit

cap = 1 << 20
running = False  # read by the SIGINT handler: interrupts only land inside user code
forked = False  # set in children that user code forked: they exit when their cell ends
cells = {}  # file name -> source, registered with linecache when a traceback is formatted
shown = []  # PNG artifacts shown by tools during the cell (MCP images), returned with its figures
hidden = set()  # file names of the REPL's own frames, dropped from tracebacks
on_interrupt = None  # tells the host an interrupt ended the cell, so it need not kill while we format


class Capture:
    """A text stream that keeps the first `cap` bytes and counts the rest."""

    encoding = 'utf-8'
    errors = 'replace'

    def __init__(self, name='stdout', live=None, durable=None):
        self.parts = []
        self.size = 0
        self.dropped = 0
        self.name = name
        self.live = live  # called with (stream, text) for every kept piece while the cell runs
        self.durable = durable  # called by flush() with what the host has not seen yet
        self.sent = 0  # parts the host has already

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        size = len(text) if text.isascii() else len(text.encode('utf-8', 'surrogatepass'))
        room = cap - self.size
        if size <= room:
            kept = text
            self.size += size
        else:
            kept = text[:room] if room > 0 else ''
            kept_size = len(kept.encode('utf-8', 'surrogatepass'))
            self.size += kept_size
            self.dropped += size - kept_size
        self.parts.append(kept)
        if kept and self.live is not None and not forked:
            self.live(self.name, kept)
            self.sent = len(self.parts)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        """Flushed output reaches the host at once, so it survives a crash that follows (os._exit, a segfault)."""
        if self.durable is None or forked or self.sent == len(self.parts):
            return
        text = ''.join(self.parts[self.sent :])
        self.sent = len(self.parts)
        if text:
            self.durable(self.name, text)

    def isatty(self):
        return False

    def fileno(self):
        raise OSError('captured output has no file descriptor')

    @property
    def buffer(self):
        return Binary(self)

    def value(self):
        return ''.join(self.parts)


class Binary:
    """`sys.stdout.buffer`: bytes are decoded as UTF-8 into the text capture."""

    def __init__(self, text):
        self.text = text

    def write(self, data):
        self.text.write(bytes(data).decode('utf-8', 'replace'))
        return len(data)

    def flush(self):
        pass


_PIP_LINE = None
_PIP_QUIET = {'-q', '--quiet', '-U', '--upgrade', '--user', '--no-cache-dir', '--progress-bar=off'}


def pip_magic(code):
    """Rewrites `%pip install NAME ...` (or `!pip install`) lines, like IPython's magic, into calls of
    the `install_packages` builtin, which asks the host: the sandbox itself has no network."""
    global _PIP_LINE
    if 'pip' not in code:
        return code
    if _PIP_LINE is None:
        import re

        _PIP_LINE = re.compile(r'^([ \t]*)[%!]pip3?[ \t]+install[ \t]+(.*?)[ \t]*$', re.M)

    def call(match):
        import shlex

        names = [word for word in shlex.split(match.group(2)) if word not in _PIP_QUIET]
        return f'{match.group(1)}install_packages({names!r})'

    return _PIP_LINE.sub(call, code)


def compile_cell(code, filename):
    """Compile the cell as one unit; the last bare expression separately, to show its value."""
    tree = compile(pip_magic(code), filename, 'exec', _ONLY_AST)
    body = tree.body
    if body and isinstance(body[-1], _Expr) and not suppressed(code, body[-1]):
        last = _Expression(body[-1].value)
        head = _Module(body[:-1], [])
        return compile(head, filename, 'exec'), compile(last, filename, 'eval')
    return compile(tree, filename, 'exec'), None


def message_of(error):
    if isinstance(error, SyntaxError):
        return shorten(str(error.msg))
    try:
        return shorten(str(error))
    except BaseException:
        return f'<unprintable {type(error).__name__}>'


def format_error(error):
    """Name, message and traceback, with the REPL's own frames removed (also in chained exceptions)."""
    name = type(error).__name__
    message = message_of(error)
    try:
        import linecache
        import traceback

        for filename, source in cells.items():
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        error_type = type(error)
        report = traceback.TracebackException(error_type, error, error.__traceback__)
        summary = trimmed(report, hidden, traceback.StackSummary.from_list)
        text = ''.join(summary.format())
    except BaseException:
        text = f'{name}: {message}\n'
    return {'name': name, 'message': message, 'traceback': text}


def figures():
    """Images shown by tools, then every open matplotlib figure as a PNG artifact; the figures are closed."""
    artifacts = shown[:]
    shown.clear()
    pyplot = sys.modules.get('matplotlib.pyplot')
    if pyplot is None:
        return artifacts
    import base64
    import io

    for number in pyplot.get_fignums():
        buffer = io.BytesIO()
        pyplot.figure(number).savefig(buffer, format='png')
        data = base64.b64encode(buffer.getvalue()).decode('ascii')
        artifacts.append({'type': 'image', 'mimeType': 'image/png', 'data': data, 'name': f'figure-{number}.png'})
    pyplot.close('all')
    return artifacts


def raw_pending():
    """True when bytes written straight to fd 1/2 have not been read by the host yet."""
    try:
        return fcntl.ioctl(2, termios.FIONREAD, b'\0\0\0\0') != b'\0\0\0\0'
    except OSError:
        return True


def parked(frame):
    """True when a thread waits, without a timeout, for work only other code can give it (an idle pool worker)."""
    code = frame.f_code
    if code.co_name == 'wait' and code.co_filename.endswith('/threading.py'):
        return frame.f_locals.get('timeout') is None
    return code.co_name == '_worker' and code.co_filename.endswith('/concurrent/futures/thread.py')


def running_threads(before):
    """Threads started since `before` that still run (or sleep, or wait with a timeout) after a short grace."""
    deadline = _monotonic() + thread_grace_seconds
    while True:
        frames = _current_frames()
        active = [ident for ident in frames.keys() - before if not parked(frames[ident])]
        if not active or _monotonic() >= deadline:
            return len(active)
        _sleep(0.01)


def execute(namespace, cell_id, code, live=None, durable=None):
    """Runs one cell and returns the `result` message for the host; `live(stream, text)` gets output as it is written."""
    global running
    filename = f'<cell {cell_id}>'
    cells[filename] = code
    out, err = Capture('stdout', live, durable), Capture('stderr', live, durable)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    reply = {'type': 'result', 'id': cell_id}
    threads = _current_frames().keys()
    try:
        try:
            running = True
            body, last = compile_cell(code, filename)
            exec(body, namespace)
            if last is not None:
                value = eval(last, namespace)
                if value is not None:
                    text = repr(value)
                    if len(text) > cap:
                        out.dropped += len(text) - cap
                        text = text[:cap]
                    reply['result'] = text
            artifacts = figures()
            if artifacts:
                reply['artifacts'] = artifacts
        finally:
            running = False
            if forked:
                _exit(0)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt) and on_interrupt is not None:
            on_interrupt(cell_id)
        reply['error'] = format_error(error)
    finally:
        sys.stdout, sys.stderr = saved
    reply['stdout'] = out.value()
    reply['stderr'] = err.value()
    if out.dropped or err.dropped:
        reply['truncatedBytes'] = out.dropped + err.dropped
    if raw_pending():
        reply['rawOutput'] = True
    started = running_threads(threads)
    if started:
        reply['threads'] = started
    return reply


hidden.add(execute.__code__.co_filename)
