"""Persistent CodeAct REPL: line-delimited JSON over private copies of fd 0 and 1.

Host -> REPL: {"type":"init"} once, then {"type":"execute"} and {"type":"tool-result"} messages.
REPL -> host: {"type":"ready"}, {"type":"tool-call"}, {"type":"output"} (live, when asked) and {"type":"result"} messages.
Normally run as precompiled bytecode with -S; start-up imports are C modules, the rest load on use.
"""
import _queue
import _signal
import _thread
import builtins
import os
import sys

# Functions defined below look names up here, not in `builtins`: user code may rebind `builtins.print`.
__builtins__ = dict(vars(builtins))
_os_read, _os_write, _os_kill, _os_exit, _os_close = os.read, os.write, os.kill, os._exit, os.close
_os_listdir, _os_getpid, _os_waitpid = os.listdir, os.getpid, os.waitpid

_IN = os.dup(0)
_OUT = os.dup(1)
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)
os.dup2(2, 1)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import codeact_cell as cell  # noqa: E402
from codeact_rules import check_depth, dumps, loads  # noqa: E402

del sys.path[0]


_buffer = bytearray()
_tool_seq = 0
# One reader thread takes every message from the host: tool results go to the call waiting for them
# (any thread may call tools), everything else to the main loop.
_inbox = _queue.SimpleQueue()
_calls = {}
_calls_lock = _thread.allocate_lock()
_write_lock = _thread.allocate_lock()


def _recv():
    """The next message, or None when the host has gone."""
    while True:
        end = _buffer.find(b'\n')
        if end >= 0:
            line = _buffer[:end].decode('utf-8', 'surrogatepass')
            del _buffer[: end + 1]
            return loads(line)
        chunk = _os_read(_IN, 1 << 16)
        if not chunk:
            return None
        _buffer.extend(chunk)


def _write(payload):
    view = memoryview((payload + '\n').encode('ascii'))
    with _write_lock:
        while view:
            view = view[_os_write(_OUT, view) :]


def _read_messages():
    while True:
        message = _recv()
        if message is None:
            _os_exit(0)
        if message.get('type') == 'tool-result':
            with _calls_lock:
                box = _calls.pop(message.get('id'), None)
            if box is not None:
                box.put(message)
        else:
            _inbox.put(message)


def _send(message):
    _write(dumps(message))


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
    _os_close(_IN)
    _os_close(_OUT)


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
    check_depth(name, args)
    box = _queue.SimpleQueue()
    with _calls_lock:
        _tool_seq += 1
        call_id = _tool_seq
        _calls[call_id] = box
    try:
        try:
            payload = dumps({'type': 'tool-call', 'id': call_id, 'name': name, 'args': args})
        except (TypeError, ValueError) as error:
            raise TypeError(f'{name}() arguments must be JSON values: {error}') from None
        _write(payload)
        reply = box.get()
    finally:
        with _calls_lock:
            _calls.pop(call_id, None)
    if reply.get('ok'):
        return reply.get('value')
    error = reply.get('error') or {}
    raise _ERRORS.get(error.get('type'), ToolError)(error.get('message', 'tool failed'))


def install_packages(packages):
    """Installs packages (`NAME` or `NAME==VERSION`, with their dependencies) for this session. The host
    downloads and installs them, subject to its policy; they can be imported right after."""
    if isinstance(packages, str):
        packages = packages.split()
    result = __codeact_call_tool__('__codeact_install_packages__', {'packages': list(packages)})
    import importlib

    importlib.invalidate_caches()
    installed = [f"{entry['name']} {entry['version']}" for entry in result.get('installed', [])]
    print('Installed ' + ', '.join(installed) if installed else 'Nothing was installed')


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
    """Applies limits and settings before any user code (and before the preload)."""
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
    site = options.get('siteDir')
    if site:
        sys.path.insert(0, site)
    sys.argv = ['']


def _warm_matplotlib():
    """Draws and saves one figure as a first plot would (through pandas when it is loaded), so fonts,
    the Agg renderer and pandas' plotting backend are ready; then closes it."""
    import io

    import matplotlib

    matplotlib.use('Agg')
    import matplotlib.pyplot as pyplot

    pandas = sys.modules.get('pandas')
    if pandas is not None:
        pandas.DataFrame({'x': [0, 1, 2], 'y': [0.0, 1.5, 4.0]}).plot(x='x', y='y', title='warm-up')
    else:
        pyplot.plot([0, 1, 2], [0.0, 1.5, 4.0], label='y')
        pyplot.legend()
        pyplot.title('warm-up')
    pyplot.gcf().savefig(io.BytesIO(), format='png')
    pyplot.close('all')


def _preload(names):
    """Imports `names` (outside any namespace a cell sees: only `sys.modules` keeps them)."""
    loaded, failed = [], []
    for name in names:
        try:
            __import__(name)
            loaded.append(name)
        except BaseException as error:  # noqa: BLE001 - a broken library must not stop the interpreter
            failed.append({'module': name, 'error': f'{type(error).__name__}: {error}'[:500]})
    plotting = [name for name in loaded if name.split('.')[0] == 'matplotlib']
    if plotting:
        try:
            _warm_matplotlib()
        except BaseException as error:  # noqa: BLE001
            loaded.remove(plotting[0])
            failed.append({'module': plotting[0], 'error': f'warm-up plot: {type(error).__name__}: {error}'[:500]})
    if loaded:
        import gc

        # What the preload allocated lives as long as the interpreter: full collections skip it.
        gc.collect()
        gc.freeze()
    return loaded, failed


def _open_session(options, stubs):
    """The work directory, fork rules and a fresh `__main__` namespace, then the tool stubs."""
    import importlib

    # A pooled member's site dir may have been filled since start (a conversation's installed packages).
    importlib.invalidate_caches()
    workdir = options.get('workDir')
    if workdir:
        os.chdir(workdir)
        sys.path.insert(0, workdir)
    sys.dont_write_bytecode = True
    os.register_at_fork(after_in_child=_after_fork)
    import faulthandler

    faulthandler.enable(sys.__stderr__)
    module = type(sys)('__main__')
    module.__builtins__ = builtins
    sys.modules['__main__'] = module
    namespace = module.__dict__
    namespace['ToolError'] = ToolError
    namespace['__codeact_call_tool__'] = __codeact_call_tool__
    builtins.install_packages = install_packages
    if stubs:
        cell.cells['<codeact-tools>'] = stubs
        exec(compile(stubs, '<codeact-tools>', 'exec'), namespace)
    return namespace


def _running_elsewhere():
    """Processes of this sandbox other than its init and this interpreter that have not exited."""
    count = 0
    me = str(_os_getpid())
    for name in _os_listdir('/proc'):
        if name.isdigit() and name != '1' and name != me:
            try:
                with open(f'/proc/{name}/stat', 'rb') as stat:
                    state = stat.read().rsplit(b')', 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state != b'Z':
                count += 1
    return count


def _reap_children():
    """Collects the children just killed, so zombies do not count against the process limit."""
    while True:
        try:
            _os_waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def _stop_strays(reply):
    """In the sandbox's own PID namespace, nothing an action started may outlive it: kill(-1) reaches
    every process there but init and this one. Counted first, so the observation can say so."""
    try:
        _os_kill(-1, 0)
    except OSError:
        return
    count = _running_elsewhere()
    try:
        _os_kill(-1, 9)
    except OSError:
        pass
    _reap_children()
    if count:
        reply['strayProcesses'] = count


def main():
    _signal.signal(_signal.SIGINT, _on_sigint)
    options = _recv()
    if options is None:
        return
    _init(options)
    loaded, failed = _preload(options.get('preload') or ())
    ready = {'type': 'ready', 'python': sys.version.split()[0], 'pid': os.getpid(), 'preloaded': loaded}
    if failed:
        ready['preloadFailed'] = failed
    if options.get('pooled'):
        # A warm pool member: preloaded, it waits for the session's tool stubs before anything else.
        _send(ready)
        attach = _recv()
        if attach is None or attach.get('type') != 'attach':
            return
        namespace = _open_session(options, attach.get('stubs'))
        _thread.start_new_thread(_read_messages, ())
        _send({'type': 'attached'})
    else:
        namespace = _open_session(options, options.get('stubs'))
        _thread.start_new_thread(_read_messages, ())
        _send(ready)
    reap = bool(options.get('stopStrays'))
    while True:
        message = _inbox.get()
        if message.get('type') == 'execute':
            try:
                send = _live(message['id'])
                reply = cell.execute(namespace, message['id'], message['code'], send if message.get('live') else None, send)
                if reap:
                    _stop_strays(reply)
                _send(reply)
            except BaseException:
                # The code broke the runner itself (its reply cannot be built or sent): start afresh.
                _os_exit(70)


if __name__ == '__main__':
    main()
