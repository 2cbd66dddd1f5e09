import type { Executor, ExecutorSession } from '@codeact/core';
import { afterAll, beforeAll } from 'vitest';

export type SessionFixture = { readonly executor: Executor; readonly session: ExecutorSession };

/** One executor and one session for the enclosing `describe`, closed after its tests. */
export function useSession(createExecutor: () => Promise<Executor> | Executor): SessionFixture {
  let executor: Executor | undefined;
  let session: ExecutorSession | undefined;
  beforeAll(async () => {
    executor = await createExecutor();
    session = await executor.createSession();
  });
  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
  });
  const missing = () => new Error('the session fixture is used before its beforeAll ran');
  return {
    get executor() {
      if (!executor) throw missing();
      return executor;
    },
    get session() {
      if (!session) throw missing();
      return session;
    },
  };
}
