import { describe, expect, it } from 'vitest';
import { dumpPythonJson } from './dump-python-json.js';
import { evaluatePythonExpression } from './evaluate-python-expression.js';
import { parsePythonJson } from './parse-python-json.js';
import { fromJsonValue, toJsonValue } from './python-json-value.js';
import { pythonFloatRepr, pythonRepr, pythonStr } from './python-repr.js';
import { PyException, type PyValue } from './python-value.js';

const opaque: PyValue = { type: 'opaque', name: 'Exception', repr: "Exception('Error')", str: 'Error' };

describe('pythonRepr and pythonStr', () => {
  it('render containers as Python does, choosing double quotes only for text with \' and no "', () => {
    const value = parsePythonJson(
      '{"a": [1, 2.0, null, true], "b": "Rome\'s", "c": "say \\"hi\\" it\'s", "d": "x\\ny"}',
    );
    expect(pythonStr(value)).toBe(`{'a': [1, 2.0, None, True], 'b': "Rome's", 'c': 'say "hi" it\\'s', 'd': 'x\\ny'}`);
    expect(pythonStr({ type: 'str', value: 'top level' })).toBe('top level');
    expect(pythonRepr({ type: 'str', value: '\u0007\u00e9\u00a0\u{1f600}' })).toBe("'\\x07é\\xa0😀'");
  });

  it('write floats with repr: .0 for integral values, exponents outside [1e-4, 1e16)', () => {
    expect([6, 2739.25, 1e16, 1.5e16, 1e-5, 0.0001, 123456789012345.6, -0].map(pythonFloatRepr)).toEqual([
      '6.0',
      '2739.25',
      '1e+16',
      '1.5e+16',
      '1e-05',
      '0.0001',
      '123456789012345.6',
      '-0.0',
    ]);
  });

  it('render tuples, sets, complex numbers and exact big ints like CPython', () => {
    const rendered = ['(1,)', '(1, 2.5)', 'set()', '{1, 2}', '(1+2j)', '2j', '(1-2.5j)', '2**70'].map((source) =>
      pythonRepr(evaluatePythonExpression(source)),
    );
    expect(rendered).toEqual([
      '(1,)',
      '(1, 2.5)',
      'set()',
      '{1, 2}',
      '(1+2j)',
      '2j',
      '(1-2.5j)',
      '1180591620717411303424',
    ]);
  });

  it('show an opaque object by its repr, and by its str at the top level only', () => {
    expect(pythonStr(opaque)).toBe('Error');
    expect(pythonStr({ type: 'list', items: [opaque] })).toBe("[Exception('Error')]");
  });
});

describe('parsePythonJson and dumpPythonJson', () => {
  it('keep key order, integer-like keys included, and tell ints from floats', () => {
    const value = parsePythonJson('{"23456789": 1, "12345678": 2.50, "x": -0.0, "big": 12345678901234567890}');
    expect(dumpPythonJson(value)).toBe('{"23456789": 1, "12345678": 2.5, "x": -0.0, "big": 12345678901234567890}');
  });

  it('escape non-ASCII text like ensure_ascii, and write int keys as strings', () => {
    expect(dumpPythonJson(parsePythonJson('["caf\\u00e9 \\ud83d\\ude00", "\\u007f"]'))).toBe(
      '["caf\\u00e9 \\ud83d\\ude00", "\\u007f"]',
    );
    expect(dumpPythonJson(evaluatePythonExpression("{1: (1, None), 'a': True}"))).toBe('{"1": [1, null], "a": true}');
  });

  it('reject what Python rejects, with JSONDecodeError', () => {
    for (const text of ["{'a': 1}", '{"a": 1,}', '[1] x', '"\t"', '01', '']) {
      expect(() => parsePythonJson(text), text).toThrow(PyException);
    }
    expect(() => dumpPythonJson(opaque)).toThrow('Object of type Exception is not JSON serializable');
  });
});

describe('toJsonValue and fromJsonValue', () => {
  it('cross a JSON boundary: whole numbers come back as ints, the rest as floats', () => {
    const value = parsePythonJson('{"n": 3, "x": 2.5, "l": [true, null, "s"]}');
    const json = toJsonValue(value);
    expect(JSON.stringify(json)).toBe('{"n":3,"x":2.5,"l":[true,null,"s"]}');
    expect(pythonRepr(fromJsonValue(json))).toBe("{'n': 3, 'x': 2.5, 'l': [True, None, 's']}");
    expect(toJsonValue(opaque)).toBe('Error');
  });
});
