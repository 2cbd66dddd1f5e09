"""Persistent CodeAct REPL: line-delimited JSON over private copies of fd 0 and 1.

Host -> REPL: {"type":"init",...} once, then {"type":"execute","id","code"} and
{"type":"tool-result","id","ok","value"|"error"}.
REPL -> host: {"type":"ready"}, {"type":"tool-call","id","name","args"}, {"type":"result",...}.
Imports are kept to C modules on the start-up path; the rest load on first use.
"""
import _ast
import _json
import _signal
import builtins
import os
import sys

_IN = os.dup(0)
_OUT = os.dup(1)
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)
os.dup2(2, 1)
_SELF = __file__


class _Ctx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float
    memo = {}


def _default(value):
    raise TypeError(f'Object of type {type(value).__name__} is not JSON serializable')


_scan = _json.make_scanner(_Ctx)


def _encode(value):
    maker = _json.make_encoder
    return ''.join(maker({}, _default, _json.encode_basestring_ascii, None, ':', ',', False, False, False)(value, 0))

_buffer = bytearray()
_running = False
_cap = 1 << 20
_cells = {}
_tool_seq = 0


def _recv():
    """The next message, or None when the host has gone."""
    while True:
        end = _buffer.find(b'\n')
        if end >= 0:
            line = _buffer[:end].decode('utf-8', 'surrogatepass')
            del _buffer[: end + 1]
            return _scan(line, 0)[0]
        chunk = os.read(_IN, 1 << 16)
        if not chunk:
            return None
        _buffer.extend(chunk)


def _write(payload):
    view = memoryview((payload + '\n').encode('ascii'))
    while view:
        view = view[os.write(_OUT, view) :]


def _send(message):
    _write(_encode(message))


def _on_sigint(signum, frame):
    if _running:
        raise KeyboardInterrupt


class ToolError(Exception):
    """A tool called from Python failed on the host."""


ToolError.__module__ = 'builtins'
_ERRORS = {'ToolError': ToolError, 'TypeError': TypeError, 'TimeoutError': TimeoutError}


def __codeact_call_tool__(name, args):
    global _tool_seq
    _tool_seq += 1
    call_id = _tool_seq
    try:
        payload = _encode({'type': 'tool-call', 'id': call_id, 'name': name, 'args': args})
    except (TypeError, ValueError) as error:
        raise TypeError(f'{name}() arguments must be JSON values: {error}') from None
    _write(payload)
    while True:
        reply = _recv()
        if reply is None:
            os._exit(0)
        if reply.get('type') == 'tool-result' and reply.get('id') == call_id:
            break
    if reply.get('ok'):
        return reply.get('value')
    error = reply.get('error') or {}
    raise _ERRORS.get(error.get('type'), ToolError)(error.get('message', 'tool failed'))


class _Capture:
    """A text stream that keeps the first `_cap` bytes and counts the rest."""

    encoding = 'utf-8'
    errors = 'replace'

    def __init__(self):
        self.parts = []
        self.size = 0
        self.dropped = 0

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        size = len(text) if text.isascii() else len(text.encode('utf-8', 'surrogatepass'))
        room = _cap - self.size
        if size <= room:
            self.parts.append(text)
            self.size += size
        else:
            kept = text[:room] if room > 0 else ''
            kept_size = len(kept.encode('utf-8', 'surrogatepass'))
            self.parts.append(kept)
            self.size += kept_size
            self.dropped += size - kept_size
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        raise OSError('captured output has no file descriptor')

    def value(self):
        return ''.join(self.parts)


def _compile(code, filename):
    """Compile the cell as one unit; the last bare expression separately, to show its value."""
    tree = compile(code, filename, 'exec', _ast.PyCF_ONLY_AST)
    body = tree.body
    if body and isinstance(body[-1], _ast.Expr) and not code.rstrip().endswith(';'):
        last = _ast.Expression(body[-1].value)
        head = _ast.Module(body[:-1], [])
        return compile(head, filename, 'exec'), compile(last, filename, 'eval')
    return compile(tree, filename, 'exec'), None


def _format_error(error):
    import linecache
    import traceback

    for name, source in _cells.items():
        linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    summary = traceback.TracebackException(type(error), error, error.__traceback__)
    seen = set()
    pending = [summary]
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        item.stack = traceback.StackSummary.from_list([f for f in item.stack if f.filename != _SELF])
        pending.extend(e for e in (item.__cause__, item.__context__) if e is not None)
    return {'name': type(error).__name__, 'message': str(error), 'traceback': ''.join(summary.format())}


def _figures():
    pyplot = sys.modules.get('matplotlib.pyplot')
    if pyplot is None:
        return []
    import base64
    import io

    artifacts = []
    for number in pyplot.get_fignums():
        buffer = io.BytesIO()
        pyplot.figure(number).savefig(buffer, format='png')
        data = base64.b64encode(buffer.getvalue()).decode('ascii')
        artifacts.append({'type': 'image', 'mimeType': 'image/png', 'data': data, 'name': f'figure-{number}.png'})
    pyplot.close('all')
    return artifacts


def _execute(namespace, cell_id, code):
    global _running
    filename = f'<cell {cell_id}>'
    _cells[filename] = code
    out, err = _Capture(), _Capture()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    reply = {'type': 'result', 'id': cell_id}
    try:
        try:
            _running = True
            body, last = _compile(code, filename)
            exec(body, namespace)
            if last is not None:
                value = eval(last, namespace)
                if value is not None:
                    text = repr(value)
                    if len(text) > _cap:
                        out.dropped += len(text) - _cap
                        text = text[:_cap]
                    reply['result'] = text
            artifacts = _figures()
            if artifacts:
                reply['artifacts'] = artifacts
        finally:
            _running = False
    except BaseException as error:
        reply['error'] = _format_error(error)
    finally:
        sys.stdout, sys.stderr = saved
    reply['stdout'] = out.value()
    reply['stderr'] = err.value()
    if out.dropped or err.dropped:
        reply['truncatedBytes'] = out.dropped + err.dropped
    return reply


def _limit(name, value):
    import resource

    kind = getattr(resource, name)
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value))


def _init(options):
    global _cap
    _cap = options.get('maxOutputBytes', _cap)
    for name, value in (options.get('limits') or {}).items():
        _limit(name, value)
    if options.get('parentDeathSignal'):
        import ctypes

        ctypes.CDLL(None).prctl(1, 9)
    if options.get('parentPid') and os.getppid() != options['parentPid']:
        os._exit(0)
    workdir = options.get('workDir')
    if workdir:
        os.chdir(workdir)
        sys.path.insert(0, workdir)
    sys.dont_write_bytecode = True
    import faulthandler

    faulthandler.enable(sys.__stderr__)
    module = type(sys)('__main__')
    module.__builtins__ = builtins
    sys.modules['__main__'] = module
    namespace = module.__dict__
    namespace['ToolError'] = ToolError
    namespace['__codeact_call_tool__'] = __codeact_call_tool__
    stubs = options.get('stubs')
    if stubs:
        _cells['<codeact-tools>'] = stubs
        exec(compile(stubs, '<codeact-tools>', 'exec'), namespace)
    return namespace


def main():
    _signal.signal(_signal.SIGINT, _on_sigint)
    options = _recv()
    if options is None:
        return
    namespace = _init(options)
    _send({'type': 'ready', 'python': sys.version.split()[0], 'pid': os.getpid(), 'executable': sys.executable})
    while True:
        message = _recv()
        if message is None:
            return
        if message.get('type') == 'execute':
            _send(_execute(namespace, message['id'], message['code']))


if __name__ == '__main__':
    main()
