# M3ToolEval protocol helpers, run inside the episode's interpreter (module namespace, not the
# model's). Globals provided by the loader: TOOLS (name -> function, prompt order) and FIXED.
# Every entry point returns its result as one JSON line on stdout, so nothing the tools print
# can be mistaken for it. Heavier modules are imported on first use, to keep session start fast.
import io
import sys

_no_output = "[Executed Successfully with No Output, Did you forget to print?]"
_invalid_json = (
    "Invalid action. You should output a JSON object with the following fields: "
    "'tool' (the name of the tool), 'args' (a list of arguments to the tool). Error: {}"
)


def _emit(value):
    # Results are str or bool; _json's encoder is json.dumps without importing json (and re).
    from _json import encode_basestring_ascii

    text = ("true" if value else "false") if isinstance(value, bool) else encode_basestring_ascii(value)
    sys.stdout.write(text + "\n")


def _cap(text):
    return text[:2000] + "...\n[Output Truncated]" if len(text) > 2000 else text


def _drop_out_prompts(text):
    # re.sub(r"Out\[\d+\]:", "", text) without importing re (\d is any Unicode decimal digit).
    parts, start = [], 0
    while True:
        found = text.find("Out[", start)
        if found == -1:
            break
        end = found + 4
        while end < len(text) and text[end].isdecimal():
            end += 1
        if end > found + 4 and text.startswith("]:", end):
            parts.append(text[start:found])
            start = end + 2
        else:
            parts.append(text[start : found + 1])
            start = found + 1
    parts.append(text[start:])
    return "".join(parts)


def observation(captured):
    """Code mode: the captured cell output as the model sees it (spec 2.6)."""
    import ast

    text = _no_output if captured == "" else captured
    text = _drop_out_prompts(_cap(text))
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
    saved = sys.stdout
    sys.stdout = io.StringIO()  # what tools print is not part of the observation
    try:
        text = str(TOOLS[tool_name](*args))
    except Exception:
        return f"Failed to execute tool {tool_name} with args {tuple(args)}. Did you try to invoke more than one tool at a time?"
    finally:
        sys.stdout = saved
    return _cap(text)


def tool_call(mode, content):
    """JSON and text modes: parse the action content and call the tool (spec 2.6)."""
    if mode == "text":
        name, *pieces = content.split(",")
        name = name.strip()
        args = [_number_or_text(piece.strip()) for piece in pieces]
    else:
        import json

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
    import ast

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
    import ast

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
    import ast

    expected = ast.literal_eval(expected_repr)
    return (check_fixed if FIXED else check_original)(answer, expected)
