import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { useSession } from './session-fixture.js';

const mebibyte = 2 ** 20;

describe('adversarial: a session cannot fill the disk (CPython sandbox)', () => {
  const fixture = useSession(() =>
    createPythonExecutor({ diskQuota: { workDirFiles: 2000, workDirBytes: 8 * mebibyte, tmpFiles: 2000 } }),
  );
  const run = (code: string) => fixture.session.execute({ code, timeoutMs: 30_000 });

  it('stops an action that creates files without end in the work directory, keeping the session', async () => {
    await run('kept = 1');
    const execution = await run(
      'import os\nos.makedirs("many", exist_ok=True)\ni = 0\nwhile True:\n    open(f"many/{i}", "w").close()\n    i += 1',
    );
    expect(execution.error?.name).toBe('OSError');
    expect(execution.error?.message).toMatch(
      /^Disk quota exceeded: more than 2000 files in the work directory; the action was stopped\./,
    );
    expect(execution.timedOut).toBe(true);
    const cleaned = await run('import shutil\nshutil.rmtree("many")\nkept');
    expect(cleaned.error).toBeUndefined();
  });

  it('stops an action that writes without end to the work directory', async () => {
    const execution = await run(
      'block = b"x" * 2**20\ni = 0\nwhile True:\n    with open(f"big{i % 64}", "wb") as out:\n        out.write(block)\n    i += 1',
    );
    expect(execution.error?.message).toMatch(
      /^Disk quota exceeded: more than 8 MiB in the work directory; the action was stopped\./,
    );
    expect(
      (await run('import glob, os\nfor name in glob.glob("big*"):\n    os.remove(name)\nprint("freed")')).stdout,
    ).toBe('freed\n');
  });

  it('stops an action that creates files without end in /tmp', async () => {
    const execution = await run('i = 0\nwhile True:\n    open(f"/tmp/t{i}", "w").close()\n    i += 1');
    expect(execution.error?.message).toMatch(
      /^Disk quota exceeded: more than 2000 files in \/tmp; the action was stopped\./,
    );
  });
});
