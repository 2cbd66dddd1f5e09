import type { Executor } from '@codeact/core';

/** How a HumanEval/MBPP program ended, in upstream's words: `passed`, `timed out` or `failed: <error>`. */
export type CodeCheckResult = { readonly passed: boolean; readonly result: string };

const marker = '\u0000MINT-CHECK ';

// MINT's `check_correctness` (from human-eval's execution.py), run inside a fresh interpreter:
// a temporary working directory, stdout/stderr swallowed, stdin unreadable, destructive os/shutil/
// subprocess functions disabled, a SIGALRM time limit, and `exec(program, {})` (so `__name__` is
// not `__main__`). The guard is undone afterwards so the interpreter can report the result.
const driver = `
def __mint_check_correctness(program, timeout):
    import builtins, contextlib, io, json, os, shutil, signal, subprocess, sys, tempfile

    class TimeoutException(Exception):
        pass

    class WriteOnlyStringIO(io.StringIO):
        def read(self, *args, **kwargs):
            raise IOError

        def readline(self, *args, **kwargs):
            raise IOError

        def readlines(self, *args, **kwargs):
            raise IOError

        def readable(self, *args, **kwargs):
            return False

    names = [(os, n) for n in ('kill', 'system', 'putenv', 'remove', 'removedirs', 'rmdir', 'fchdir', 'setuid',
                               'fork', 'forkpty', 'killpg', 'rename', 'renames', 'truncate', 'replace', 'unlink',
                               'fchmod', 'fchown', 'chmod', 'chown', 'chroot', 'lchflags', 'lchmod', 'lchown',
                               'getcwd', 'chdir')]
    names += [(shutil, n) for n in ('rmtree', 'move', 'chown')]
    names += [(subprocess, 'Popen'), (builtins, 'exit'), (builtins, 'quit'), (builtins, 'help')]
    saved = [(owner, name, getattr(owner, name)) for owner, name in names if hasattr(owner, name)]
    blocked = ('ipdb', 'joblib', 'resource', 'psutil', 'tkinter')
    saved_modules = {name: sys.modules.get(name) for name in blocked}
    rmtree, chdir, cwd = shutil.rmtree, os.chdir, os.getcwd()
    directory = tempfile.mkdtemp()
    stream = WriteOnlyStringIO()
    old_stdin, old_handler = sys.stdin, signal.getsignal(signal.SIGALRM)
    omp = os.environ.get('OMP_NUM_THREADS')

    def on_alarm(signum, frame):
        raise TimeoutException('Timed out!')

    result = 'timed out'
    try:
        chdir(directory)
        os.environ['OMP_NUM_THREADS'] = '1'
        for owner, name, _ in saved:
            setattr(owner, name, None)
        for name in blocked:
            sys.modules[name] = None
        try:
            with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
                sys.stdin = stream
                signal.signal(signal.SIGALRM, on_alarm)
                signal.setitimer(signal.ITIMER_REAL, timeout)
                try:
                    exec(program, {})
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            result = 'passed'
        except TimeoutException:
            result = 'timed out'
        except BaseException as error:
            result = f'failed: {error}'
    finally:
        sys.stdin = old_stdin
        signal.signal(signal.SIGALRM, old_handler)
        for owner, name, value in saved:
            setattr(owner, name, value)
        for name, module in saved_modules.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        if omp is None:
            os.environ.pop('OMP_NUM_THREADS', None)
        else:
            os.environ['OMP_NUM_THREADS'] = omp
        chdir(cwd)
        rmtree(directory, ignore_errors=True)
    print(${JSON.stringify(marker)} + json.dumps(result))
`;

/**
 * Runs a proposed HumanEval/MBPP solution followed by the task's test code in a fresh interpreter
 * session, as MINT's `CodeGenTask.success` does: the task passes iff nothing raises within the time
 * limit (10 s, hard-stopped 1 s later).
 */
export async function checkGeneratedCode(options: {
  readonly executor: Executor;
  readonly solution: string;
  readonly tests: string;
  readonly timeoutMs?: number | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}): Promise<CodeCheckResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const program = `${options.solution}\n${options.tests}`;
  const code = `${driver}\n__mint_check_correctness(${JSON.stringify(program)}, ${timeoutMs / 1000})\n`;
  const session = await options.executor.createSession({ abortSignal: options.abortSignal });
  try {
    const execution = await session.execute({ code, timeoutMs: timeoutMs + 1000, abortSignal: options.abortSignal });
    const line = execution.stdout.split('\n').find((text) => text.startsWith(marker));
    if (line !== undefined) {
      const result = JSON.parse(line.slice(marker.length)) as string;
      return { passed: result === 'passed', result };
    }
    if (execution.timedOut) return { passed: false, result: 'timed out' };
    return { passed: false, result: `failed: ${execution.error?.message ?? 'no result from the checker'}` };
  } finally {
    await session.close();
  }
}
