import { processTreeMemory } from '@codeact/executors';

/** RSS and PSS (MB) of this process and every descendant (sandboxes, workers' children). */
export function treeMemory(): { rssMb: number; pssMb: number } {
  const memory = processTreeMemory(process.pid);
  return { rssMb: memory.rssBytes / 1024 / 1024, pssMb: memory.pssBytes / 1024 / 1024 };
}
