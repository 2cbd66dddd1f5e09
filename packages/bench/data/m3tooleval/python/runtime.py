# M3ToolEval protocol helpers, run inside the episode's interpreter (module namespace, not the
# model's). Globals provided by the loader: TOOLS (name -> function, prompt order) and FIXED.
# Every entry point returns its result as one JSON line on stdout, so nothing the tools print
# can be mistaken for it.
import ast
import contextlib
import io
import json
import re
import sys

_out_prompt = re.compile(r"Out\[\d+\]:")
_no_output = "[Executed Successfully with No Output, Did you forget to print?]"
_invalid_json = (
    "Invalid action. You should output a JSON object with the following fields: "
    "'tool' (the name of the tool), 'args' (a list of arguments to the tool). Error: {}"
)


def _emit(value):
    sys.stdout.write(json.dumps(value) + "\n")


def _cap(text):
    return text[:2000] + "...\n[Output Truncated]" if len(text) > 2000 else text


def observation(captured):
    """Code mode: the captured cell output as the model sees it (spec 2.6)."""
    text = _no_output if captured == "" else captured
    text = _out_prompt.sub("", _cap(text))
    try:
        return str(ast.literal_eval(text.strip()))
    except Exception:
        return text


def _number_or_text(text):
    # int, then float, then the text itself (only ValueError is expected from a str).
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _call(tool_name, args):
    try:
        known = tool_name in TOOLS
    except TypeError:  # a JSON list or object as the tool name
        known = False
    if not known:
        return f"Cound not find tool with name {tool_name}"
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            text = str(TOOLS[tool_name](*args))
    except Exception:
        return f"Failed to execute tool {tool_name} with args {tuple(args)}. Did you try to invoke more than one tool at a time?"
    return _cap(text)


def tool_call(mode, content):
    """JSON and text modes: parse the action content and call the tool (spec 2.6)."""
    if mode == "text":
        name, *pieces = content.split(",")
        name = name.strip()
        args = [_number_or_text(piece.strip()) for piece in pieces]
    else:
        try:
            action = json.loads(content)
            name = action["tool"]
            args = action["args"]
        except Exception as error:
            return _invalid_json.format(error)
    if not isinstance(args, list):
        args = [args]
    return _call(name, args)


def _as_number(value):
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def check_original(answer, expected):
    """The original check, including its slip: a missing `or` makes Python call `expected`, which
    always raises, so after a successful literal_eval only the str() comparison decides (spec 3)."""
    try:
        if answer == expected or _as_number(answer) == _as_number(expected):
            return True
        answer = ast.literal_eval(answer)
        expected(isinstance(expected, list))  # the slip: always a TypeError
    except BaseException:
        pass
    return str(answer) == str(expected)


def _same(value, expected):
    if isinstance(expected, bool) or isinstance(value, bool):
        return type(value) is type(expected) and value == expected
    if isinstance(expected, (int, float)):
        if not isinstance(value, (int, float)):
            return False
        if value == expected:
            return True
        # Two decimals are accepted where the instructions ask for 'xx.xx'.
        return isinstance(expected, float) and value == round(expected, 2)
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(value, (list, tuple))
            and len(value) == len(expected)
            and all(_same(a, b) for a, b in zip(value, expected))
        )
    if isinstance(expected, dict):
        return (
            isinstance(value, dict)
            and value.keys() == expected.keys()
            and all(_same(value[key], expected[key]) for key in expected)
        )
    return value == expected


def check_fixed(answer, expected):
    """--fixed: the intended check. Numbers compare by value (no truncation, two-decimal rounding
    accepted), containers element-wise and order-free for dicts, strings exactly or as a literal."""
    if isinstance(expected, str):
        if answer == expected:
            return True
        try:
            return ast.literal_eval(answer) == expected
        except Exception:
            return False
    try:
        value = ast.literal_eval(answer)
    except Exception:
        value = _as_number(answer)
    if isinstance(value, str):
        if isinstance(expected, bool):
            return value == str(expected)
        value = _as_number(value.strip())
    return _same(value, expected)


def check(answer, expected_repr):
    expected = ast.literal_eval(expected_repr)
    return (check_fixed if FIXED else check_original)(answer, expected)
