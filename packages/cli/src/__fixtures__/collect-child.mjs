// Runs a slow scripted collection into a SQLite file until it is killed (data-collect-killed.test.ts).
import { collectTrajectories, readTasks } from '@codeact/data';
import { createSqliteTrajectoryStore } from '@codeact/store-sqlite';
import { idleExecutor, offlineTools, slowModel } from './slow-collection.mjs';

const [databasePath, tasksPath] = process.argv.slice(2);
const tasks = await readTasks(tasksPath);
const store = createSqliteTrajectoryStore({ path: databasePath });
await collectTrajectories({
  tasks,
  model: slowModel(tasks, 60),
  executor: idleExecutor(),
  store,
  dataset: 'killed',
  tools: offlineTools(),
});
await store.close();
