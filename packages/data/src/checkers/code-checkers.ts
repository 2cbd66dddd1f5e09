import type { Execution } from '@codeact/core';
import { checkGeneratedCode } from '@codeact/mint';
import type { AnswerChecker, CheckAnswerContext } from './answer-checker.js';

async function runInFreshSession(context: CheckAnswerContext, code: string, timeoutMs: number): Promise<Execution> {
  const session = await context.executor.createSession({ abortSignal: context.abortSignal });
  try {
    return await session.execute({ code, timeoutMs, abortSignal: context.abortSignal });
  } finally {
    await session.close();
  }
}

/**
 * HumanEval/MBPP-style (spec §1.6): MINT's own check, `@codeact/mint`'s `checkGeneratedCode`: the
 * proposed code, a newline, then the task's `reference` test code, in a fresh session with MINT's
 * time limit; right iff nothing raises.
 */
export const pythonTestsChecker: AnswerChecker = {
  name: 'python-tests',
  async check(context) {
    const result = await checkGeneratedCode({
      executor: context.executor,
      solution: context.answer,
      tests: String(context.task.reference ?? ''),
      abortSignal: context.abortSignal,
    });
    return result.passed;
  },
};

/** The APPS harness: runs the solution on every test (function call or stdin/stdout) and prints one verdict line. */
export function appsHarness(solution: string, tests: unknown): string {
  return `import json as __json, io as __io, sys as __sys, contextlib as __contextlib
__tests = __json.loads(${JSON.stringify(JSON.stringify(tests))})
__solution = ${JSON.stringify(solution)}
def __same_text(got, expected):
    if got.strip() == expected.strip() or got.split() == expected.split():
        return True
    try:
        a, b = [float(x) for x in got.split()], [float(x) for x in expected.split()]
        return len(a) == len(b) and all(abs(x - y) <= 1e-6 * max(1.0, abs(y)) for x, y in zip(a, b))
    except ValueError:
        return False
def __verdict():
    inputs, outputs = __tests.get("inputs", []), __tests.get("outputs", [])
    if not inputs or len(inputs) != len(outputs):
        return False
    name = __tests.get("fn_name")
    for given, expected in zip(inputs, outputs):
        if name:
            scope = {"__name__": "__codeact_apps__"}
            exec(__solution, scope)
            function = getattr(scope["Solution"](), name) if "Solution" in scope else scope[name]
            got = function(*given)
            if isinstance(got, tuple):
                got = list(got)
            if not (got == expected or (isinstance(expected, list) and len(expected) == 1 and got == expected[0])):
                return False
        else:
            stdin = "\\n".join(given) if isinstance(given, list) else str(given)
            wanted = "\\n".join(expected) if isinstance(expected, list) else str(expected)
            buffer, saved = __io.StringIO(), __sys.stdin
            __sys.stdin = __io.StringIO(stdin)
            try:
                with __contextlib.redirect_stdout(buffer):
                    try:
                        exec(__solution, {"__name__": "__main__"})
                    except SystemExit:
                        pass
            finally:
                __sys.stdin = saved
            if not __same_text(buffer.getvalue(), wanted):
                return False
    return True
try:
    __ok = __verdict()
except BaseException:
    __ok = False
print("CODEACT_APPS_VERDICT", "pass" if __ok else "fail")
`;
}

/**
 * APPS (spec §1.6): `reference` is the APPS `input_output` object (`inputs`, `outputs`, optional
 * `fn_name`); right iff every test passes, run in a fresh session with a 10-second limit per task.
 * Output comparison: exact after strip, whitespace-split, or float-tolerant, as the apps metric does.
 */
export const appsChecker: AnswerChecker = {
  name: 'apps',
  async check(context) {
    const execution = await runInFreshSession(context, appsHarness(context.answer, context.task.reference), 10_000);
    return execution.stdout.includes('CODEACT_APPS_VERDICT pass');
  },
};
