import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../..');

/** The team's shared M³ToolEval golden vectors (`../shared/data/m3tooleval` next to the repo), tests only. */
export const sharedM3Dir = process.env.M3_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data', 'm3tooleval');
