"""Rules both cell runners share (architecture/executors.md, "Cell semantics").

CPython imports this module; the Pyodide worker runs it in the runner's private namespace first.
Everything is taken from C modules at start, so user code that rebinds `json.dumps` or
`builtins.len` later changes nothing here.
"""
import _json
import builtins

__builtins__ = dict(vars(builtins))
_make_encoder, _make_scanner = _json.make_encoder, _json.make_scanner
_encode_ascii, _encode_text = _json.encode_basestring_ascii, _json.encode_basestring

max_message = 1 << 14  # characters of an exception's message kept (a 50 MiB message is cut here)
max_depth = 64  # nesting of a tool call's arguments (deeper overflows Pyodide's wasm stack)


class _ScanContext:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float
    memo = {}


_scan = _make_scanner(_ScanContext)


def _refuse(value):
    raise TypeError(f'Object of type {type(value).__name__} is not JSON serializable')


def dumps(value, ascii_only=True):
    """Compact JSON without NaN; ValueError or TypeError for what JSON cannot hold."""
    encode = _encode_ascii if ascii_only else _encode_text
    return ''.join(_make_encoder({}, _refuse, encode, None, ':', ',', False, False, False)(value, 0))


def loads(text):
    return _scan(text, 0)[0]


def check_depth(name, value):
    """Iteratively, so a deep structure raises the same clean error on both interpreters."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (list, tuple, dict)):
            if depth > max_depth:
                raise RecursionError(f'{name}() arguments are nested more than {max_depth} levels deep')
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)


def shorten(text):
    if len(text) <= max_message:
        return text
    return f'{text[:max_message]}... [{len(text) - max_message} more characters]'


def suppressed(code, node):
    """True when the source after the cell's last expression starts with `;` (blanks and comments aside)."""
    line = code.splitlines()[node.end_lineno - 1]
    rest = line.encode('utf-8')[node.end_col_offset :].decode('utf-8', 'replace')
    return rest.lstrip().startswith(';')


def trimmed(report, hidden, from_list):
    """A `TracebackException` without frames of the `hidden` files, in every chained exception too,
    and with huge messages cut. `from_list` is `traceback.StackSummary.from_list`."""
    seen = set()
    pending = [report]
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        item.stack = from_list([frame for frame in item.stack if frame.filename not in hidden])
        if isinstance(getattr(item, '_str', None), str):
            item._str = shorten(item._str)
        pending.extend(each for each in (item.__cause__, item.__context__) if each is not None)
    return report
