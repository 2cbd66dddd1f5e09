"""Persistent CodeAct REPL: line-delimited JSON over private copies of fd 0 and 1.

Host -> REPL: {"type":"init"} once, then {"type":"execute"} and {"type":"tool-result"} messages.
REPL -> host: {"type":"ready"}, {"type":"tool-call"}, {"type":"output"} (live, when asked) and {"type":"result"} messages.
Normally run as precompiled bytecode with -S; start-up imports are C modules, the rest load on use.
"""
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import codeact_cell as cell  # noqa: E402

del sys.path[0]


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
_buffer = bytearray()
_tool_seq = 0


def _encode(value):
    maker = _json.make_encoder
    return ''.join(maker({}, _default, _json.encode_basestring_ascii, None, ':', ',', False, False, False)(value, 0))


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


def _live(cell_id):
    """Sends each piece of the cell's output to the host as it is written (the host batches)."""

    def send(stream, text):
        try:
            _send({'type': 'output', 'id': cell_id, 'stream': stream, 'text': text})
        except OSError:
            pass

    return send


cell.hidden.add(_send.__code__.co_filename)
cell.on_interrupt = lambda cell_id: _send({'type': 'interrupted', 'id': cell_id})


def _on_sigint(signum, frame):
    if cell.running:
        raise KeyboardInterrupt


def _after_fork():
    """A child forked by user code must never speak the protocol."""
    cell.forked = True
    os.close(_IN)
    os.close(_OUT)


class ToolError(Exception):
    """A tool called from Python failed on the host."""


ToolError.__module__ = 'builtins'
_ERRORS = {
    'ToolError': ToolError,
    'TypeError': TypeError,
    'TimeoutError': TimeoutError,
    'PermissionError': PermissionError,
}


def __codeact_call_tool__(name, args):
    """Sends a tool call to the host and blocks until its result arrives."""
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


def _limit(name, value):
    import resource

    kind = getattr(resource, name)
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value))


def _site_builtins():
    """What `site` would add (it is skipped with -S for a faster start)."""
    import _sitebuiltins

    if not hasattr(builtins, 'help'):
        builtins.help = _sitebuiltins._Helper()
        builtins.exit = _sitebuiltins.Quitter('exit', 'Ctrl-D (i.e. EOF)')
        builtins.quit = _sitebuiltins.Quitter('quit', 'Ctrl-D (i.e. EOF)')


def _init(options):
    """Applies limits and settings before any user code, then runs the tool stubs."""
    cell.cap = options.get('maxOutputBytes', cell.cap)
    for name, value in (options.get('limits') or {}).items():
        _limit(name, value)
    if options.get('parentDeathSignal'):
        import ctypes

        ctypes.CDLL(None).prctl(1, 9)
    if options.get('parentPid') and os.getppid() != options['parentPid']:
        os._exit(0)
    if options.get('sysPath'):
        sys.path[:] = options['sysPath']
    _site_builtins()
    workdir = options.get('workDir')
    if workdir:
        os.chdir(workdir)
        sys.path.insert(0, workdir)
    sys.dont_write_bytecode = True
    sys.argv = ['']
    os.register_at_fork(after_in_child=_after_fork)
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
        cell.cells['<codeact-tools>'] = stubs
        exec(compile(stubs, '<codeact-tools>', 'exec'), namespace)
    return namespace


def main():
    _signal.signal(_signal.SIGINT, _on_sigint)
    options = _recv()
    if options is None:
        return
    namespace = _init(options)
    _send({'type': 'ready', 'python': sys.version.split()[0], 'pid': os.getpid()})
    while True:
        message = _recv()
        if message is None:
            return
        if message.get('type') == 'execute':
            live = _live(message['id']) if message.get('live') else None
            _send(cell.execute(namespace, message['id'], message['code'], live))


if __name__ == '__main__':
    main()
