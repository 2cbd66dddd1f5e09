import { describe, expect, it } from 'vitest';
import { evaluatePythonExpression } from './evaluate-python-expression.js';
import { parsePythonJson } from './parse-python-json.js';
import { PyDict, pyClone, pyHashKey } from './python-dict.js';
import { pythonRepr } from './python-repr.js';
import { PyException, type PyValue, pyEquals, pyFloat, pyInt, pyStr, pyTrue } from './python-value.js';

describe('PyDict', () => {
  it('keys entries by Python equality: 1, 1.0 and True are one key, "1" another', () => {
    const dict = new PyDict([[pyInt(1), pyStr('int')]]);
    dict.set(pyFloat(1), pyStr('float'));
    dict.set(pyTrue, pyStr('bool'));
    dict.set('1', pyStr('str'));
    expect(pythonRepr(dict)).toBe("{1: 'bool', '1': 'str'}");
    expect(dict.get(pyFloat(1.5))).toBeUndefined();
    expect(pyHashKey({ type: 'tuple', items: [pyInt(1), pyStr('a')] })).toBe(
      pyHashKey({ type: 'tuple', items: [pyFloat(1), pyStr('a')] }),
    );
  });

  it('keeps insertion order, moves nothing on overwrite and forgets deleted keys', () => {
    const dict = new PyDict([
      ['b', pyInt(1)],
      ['a', pyInt(2)],
    ]);
    dict.set('b', pyInt(3));
    dict.set('c', pyInt(4));
    dict.delete('a');
    expect([...dict.keys()].map(pythonRepr)).toEqual(["'b'", "'c'"]);
    expect(dict.size).toBe(2);
  });

  it('raises KeyError with the key repr and TypeError for unhashable keys, as Python does', () => {
    const dict = new PyDict();
    expect(() => dict.getItem('missing')).toThrow(new PyException('KeyError', "'missing'"));
    expect(() => dict.set({ type: 'list', items: [] }, pyInt(1))).toThrow("unhashable type: 'list'");
  });

  it('compares deeply and order-insensitively with ==', () => {
    const left = parsePythonJson('{"a": 1, "b": [1, {"c": null}]}');
    const right = parsePythonJson('{"b": [1.0, {"c": null}], "a": true}');
    expect(pyEquals(left, right)).toBe(true);
    expect(pyEquals(left, parsePythonJson('{"a": 1, "b": [1, {"c": 0}]}'))).toBe(false);
    expect(pyEquals(new PyDict([[pyInt(1), pyStr('x')]]), new PyDict([['1', pyStr('x')]]))).toBe(false);
  });

  it('is what dict literals evaluate to, later keys overwriting equal earlier ones', () => {
    expect(pythonRepr(evaluatePythonExpression("{1: 'a', 1.0: 'b', 'k': [2]}['k']"))).toBe('[2]');
    expect(pythonRepr(evaluatePythonExpression("{1: 'a', 1.0: 'b'}"))).toBe("{1: 'b'}");
    expect(pythonRepr(evaluatePythonExpression("len({1: 'a', True: 'b'})"))).toBe('1');
  });

  it('clones deeply: changing the copy leaves the original alone', () => {
    const original = parsePythonJson('{"users": {"a": [1]}}');
    const copy = pyClone(original);
    const users = (copy as PyDict).getItem('users') as PyDict;
    (users.getItem('a') as Extract<PyValue, { type: 'list' }>).items.push(pyInt(2));
    users.set('b', pyInt(3));
    expect(pythonRepr(original)).toBe("{'users': {'a': [1]}}");
    expect(pythonRepr(copy)).toBe("{'users': {'a': [1, 2], 'b': 3}}");
  });
});
