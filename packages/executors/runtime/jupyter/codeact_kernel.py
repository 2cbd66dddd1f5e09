"""The CodeAct cell runner inside a Jupyter kernel (architecture/executors.md, "Cell semantics").

The host sends each action as `__codeact_cell__(N, "<code>")`. The cell is compiled as `<cell N>` by
the local runner's `codeact_cell` (sent along);
its trailing expression's repr (unless ended by `;`) and its error (traceback without these frames,
huge messages cut) go back as display messages of codeact's own MIME types; stdout and stderr stream
through the kernel as usual. What user code rebinds in `builtins`, `json`, `time` or `traceback` is
put back after each cell, so neither this runner nor the kernel's own messaging breaks.
"""
import builtins
import json
import time
import traceback

import codeact_cell
import codeact_rules
from IPython.display import publish_display_data

__builtins__ = dict(vars(builtins))
_guarded = [
    (builtins, dict(vars(builtins))),
    (json, {name: getattr(json, name) for name in ('dumps', 'loads', 'dump', 'load')}),
    (time, {name: getattr(time, name) for name in ('monotonic', 'time', 'sleep', 'perf_counter')}),
    (traceback, {name: getattr(traceback, name) for name in ('TracebackException', 'StackSummary', 'format_exception')}),
]
_repr = repr
result_type = 'application/x-codeact-result'
error_type = 'application/x-codeact-error'
cap = 1 << 20
counts = None  # the prelude's output counter: a capped repr adds to its dropped bytes


marker = ''  # prefix of the input prompts that carry tool calls; set by the prelude
kernel = None  # the ipykernel Kernel, whose stdin channel carries tool calls to the host


class ToolError(Exception):
    """A tool failed on the host."""


ToolError.__module__ = 'builtins'
_tool_errors = {'ToolError': ToolError, 'TypeError': TypeError, 'TimeoutError': TimeoutError, 'PermissionError': PermissionError}


def call_tool(name, args):
    """A tool call travels to the host as an input request; its reply is the tool's JSON result."""
    codeact_rules.check_depth(name, args)
    request = codeact_rules.dumps({'name': name, 'args': args}, ascii_only=False)
    reply = codeact_rules.loads(kernel.raw_input(marker + request))
    if reply.get('ok'):
        return reply.get('value')
    error = reply.get('error') or {}
    raise _tool_errors.get(error.get('type'), ToolError)(error.get('message', 'tool call failed'))


def _restore():
    for module, saved in _guarded:
        for name, value in saved.items():
            if getattr(module, name, None) is not value:
                setattr(module, name, value)


def run(cell_id, code, namespace):
    filename = f'<cell {cell_id}>'
    codeact_cell.cells[filename] = code
    shown = None
    failure = None
    try:
        body, last = codeact_cell.compile_cell(code, filename)
        exec(body, namespace)
        if last is not None:
            value = eval(last, namespace)
            if value is not None:
                shown = _repr(value)
    except BaseException as error:
        failure = error
    finally:
        _restore()
    if failure is not None:
        publish_display_data({error_type: codeact_rules.dumps(codeact_cell.format_error(failure))})
    elif shown is not None:
        if len(shown) > cap:
            if counts is not None:
                counts['dropped'] += len(shown) - cap
            shown = shown[:cap]
        publish_display_data({result_type: shown})


codeact_cell.hidden.add(run.__code__.co_filename)
