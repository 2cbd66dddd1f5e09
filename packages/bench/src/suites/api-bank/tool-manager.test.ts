import {
  fromJsonValue,
  type PyDict,
  type PyValue,
  parsePythonJson,
  pyNone,
  pythonStr,
  toJsonValue,
} from '@codeact/mint';
import { describe, expect, it } from 'vitest';
import { loadApiBankData } from './api-bank-data.js';
import { type ApiBankMode, ApiEnvironment, coerceArgument as coercePyValue } from './tool-manager.js';

const data = loadApiBankData();

function call(environment: ApiEnvironment, apiName: string, params: string): string {
  const outcome = environment.call(apiName, parsePythonJson(params) as PyDict);
  if (outcome.type === 'error') return `raised: ${outcome.error}`;
  const exception = outcome.result.get('exception');
  return exception?.type === 'str'
    ? `exception: ${exception.value}`
    : pythonStr(outcome.result.get('output') ?? pyNone);
}

/** `coerceArgument` on a Python value or a JSON one, giving the result as JSON. */
function coerceArgument(type: string, value: PyValue | string | boolean | null, mode: ApiBankMode): unknown {
  const argument = typeof value === 'object' && value !== null ? value : fromJsonValue(value);
  return toJsonValue(coercePyValue(type, argument, mode));
}

function environment(mode: ApiBankMode = 'faithful'): ApiEnvironment {
  return new ApiEnvironment({ data, mode, random: () => 0.5 });
}

describe('coerceArgument', () => {
  it('converts int arguments like CodeAct: isdigit() for strings, int() for other values', () => {
    expect(coerceArgument('int', '012', 'faithful')).toBe(12);
    expect(coerceArgument('int', parsePythonJson('2.7'), 'faithful')).toBe(2);
    expect(coerceArgument('int', true, 'faithful')).toBe(1);
    for (const value of ['-1', '2.5', ' 2', '', null]) {
      expect(() => coerceArgument('int', value, 'faithful'), String(value)).toThrow();
    }
  });

  it('reads Unicode decimal digits as int() does, and lets int() reject other isdigit() characters', () => {
    expect(coerceArgument('int', '\u0663\u0660', 'faithful')).toBe(30);
    expect(() => coerceArgument('int', '\u00b2', 'faithful')).toThrow("invalid literal for int() with base 10: '²'");
    expect(() => coerceArgument('int', 'x\u00b2', 'faithful')).toThrow('invalid parameter type. parameter: x²');
  });

  it("turns bools into value == 'True', so JSON true is False unless fixed", () => {
    expect([coerceArgument('bool', 'True', 'faithful'), coerceArgument('bool', true, 'faithful')]).toEqual([
      true,
      false,
    ]);
    expect([coerceArgument('bool', true, 'fixed'), coerceArgument('bool', 'true', 'fixed')]).toEqual([true, true]);
  });

  it('passes list arguments through unchanged unless fixed, which parses them as upstream API-Bank did', () => {
    expect(coerceArgument('list(str)', "['A', 'B']", 'faithful')).toBe("['A', 'B']");
    expect(coerceArgument('list(str)', "['A', 'B']", 'fixed')).toEqual(['A', 'B']);
    expect(() => coerceArgument('list', '[oops', 'fixed')).toThrow();
  });
});

describe('ApiEnvironment', () => {
  it('rejects unknown parameter names and missing required arguments before the API runs', () => {
    const env = environment();
    expect(call(env, 'GetUserToken', '{"username": "foo", "pw": "bar"}')).toBe(
      'raised: invalid parameter name. parameter: pw',
    );
    expect(call(env, 'GetUserToken', '{"username": "foo"}')).toMatch(/^raised: call\(\) missing 1 required/);
    expect(call(env, 'GetToday', '{"x": "1"}')).toBe('raised: invalid parameter name. parameter: x');
    expect(call(env, 'ModifyRegistration', '{"appointment_id": "12345678", "new_appointment_doctor": "Dr. X"}')).toBe(
      'success',
    );
  });

  it('shares a database between the APIs of one instance and starts every instance afresh', () => {
    const first = environment();
    expect(call(first, 'DeleteAccount', '{"token": "z9x8c7v6b5n4m3q2w1"}')).toBe("{'status': 'success'}");
    expect(call(first, 'GetUserToken', '{"username": "foo", "password": "bar"}')).toBe(
      'exception: The username does not exist.',
    );
    expect(call(environment(), 'GetUserToken', '{"username": "foo", "password": "bar"}')).toBe(
      "{'token': 'z9x8c7v6b5n4m3q2w1'}",
    );
    const accounts = data.database('Account.json');
    expect(accounts.type === 'dict' && accounts.has('foo')).toBe(true);
  });

  it("keeps ForgotPassword's code on the tool, so the second step fails in a fresh environment", () => {
    const env = environment();
    const second = '{"status": "Verification Code", "verification_code": 970420, "new_password": "x"}';
    expect(call(environment(), 'ForgotPassword', second)).toBe(
      "exception: You need to call the API with status 'Forgot Password' at first.",
    );
    expect(
      call(env, 'ForgotPassword', '{"status": "Forgot Password", "username": "foo", "email": "foo@example.com"}'),
    ).toBe('970420');
    expect(call(env, 'ForgotPassword', second)).toBe('success');
    expect(call(env, 'GetUserToken', '{"username": "foo", "password": "x"}')).toBe("{'token': 'z9x8c7v6b5n4m3q2w1'}");
  });
});

describe('the APIs', () => {
  it("reproduce the Calculator's list algorithm, failures included", () => {
    const env = environment();
    const results = ['(5+6)*3', '8/2*2', '2-3+4', '((1+2))', '1/0', '5', '-5+3', '2*(3)'].map((formula) =>
      call(env, 'Calculator', JSON.stringify({ formula })),
    );
    expect(results).toEqual([
      '33.0',
      '8.0',
      '3.0',
      "exception: ')' is not in list",
      'exception: float division by zero',
      'exception: invalid formula',
      'exception: the calculation does not terminate',
      '6.0',
    ]);
  });

  it('keep the documented bugs', () => {
    const env = environment();
    expect(call(env, 'DocumentQA', '{"url": "https://www.example.com/article-4.txt", "question": "What is it?"}')).toBe(
      'The question is too difficult to answer.',
    );
    expect(call(env, 'EmergencyKnowledge', '{"symptom": " "}')).toBe(
      "exception: 'Exception' object has no attribute 'lower'",
    );
    // An unraised Exception('Error') is returned as the output, with no exception.
    expect(
      call(env, 'ModifyAgenda', '{"token": "a9s8d7f6g5h4j3k2l1", "content": "", "time": "", "location": ""}'),
    ).toBe('Error');
    expect(
      call(
        env,
        'RecordHealthData',
        `{"user_id": "A12345", "time": "2023-03-16 10:00:00", "health_data": "[{'name': 'x', 'value': 1}]"}`,
      ),
    ).toBe('exception: The health data has invalid format.');
    expect(call(env, 'OpenBankAccount', '{"account": "test", "password": "p", "name": "n"}')).toBe('failed');
    expect(call(env, 'QueryScene', '{"name": " Morning Routine "}')).toBe(
      "[{'name': 'light', 'description': 'Smart light in the living room'}, {'name': 'coffee maker', 'description': 'Smart coffee maker in the kitchen'}, {'name': 'blinds', 'description': 'Smart blinds in the living room'}]",
    );
  });

  it('parse dates leniently and normalise them where upstream does', () => {
    const env = environment();
    expect(call(env, 'QueryStock', '{"stock_code": " aapl ", "date": "2022-1-3"}')).not.toMatch(/exception/);
    expect(call(env, 'QueryHistoryToday', '{"date": "2023-4-21"}')).toMatch(
      /^\['Title: First Game of the New York Yankees/,
    );
    expect(call(env, 'AddAlarm', '{"token": "a9s8d7f6g5h4j3k2l1", "time": "2023-02-30 10:00:00"}')).toBe(
      'exception: day is out of range for month',
    );
  });

  it('answer Dictionary and Translate with an error, since live services are off', () => {
    expect(call(environment(), 'Dictionary', '{"keyword": "apple"}')).toMatch(
      /^exception: .*network access is disabled/,
    );
  });
});
