// Runs a slow scripted collection into a SQLite file until it is killed (collect-trajectories.test.ts).

import { defineTool } from '@codeact/core';
import { collectTrajectories, readTasks } from '@codeact/data';
import { createSqliteTrajectoryStore } from '@codeact/store-sqlite';
import { z } from 'zod';
import { scriptedExecutor, scriptedModel } from './collect-script.mjs';

const [databasePath, tasksPath] = process.argv.slice(2);
const tasks = await readTasks(tasksPath);
const store = createSqliteTrajectoryStore({ path: databasePath });
const wikipedia = defineTool({
  name: 'wikipedia_search',
  description: 'stub',
  parameters: z.object({ query: z.string() }),
  execute: () => 'nothing',
});
await collectTrajectories({
  tasks,
  model: scriptedModel(tasks, { delayMs: 60 }),
  executor: scriptedExecutor(),
  store,
  dataset: 'killed',
  tools: { wikipedia_search: wikipedia },
});
await store.close();
