import { storeContract } from '@codeact/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresTrajectoryStore } from './postgres-trajectory-store.js';
import { startTemporaryPostgres, type TemporaryPostgres } from './testing/start-temporary-postgres.js';

let server: TemporaryPostgres | undefined;
beforeAll(async () => {
  server = await startTemporaryPostgres();
});
afterAll(async () => {
  await server?.stop();
});

let count = 0;
const schemas = new WeakMap<object, string>();
const open = async (schema: string) => {
  const store = await createPostgresTrajectoryStore({ connectionString: server?.connectionString ?? '', schema });
  schemas.set(store, schema);
  return store;
};

storeContract({
  name: 'postgres',
  createStore: () => open(`contract_${++count}`),
  reopenStore: (closed) => open(schemas.get(closed) as string),
});
