import { availableParallelism } from 'node:os';

/**
 * Threads for llama.cpp: 1 on machines with up to 2 cores, else one core less than available (at
 * most 8). ggml's thread barriers spin, so a thread more than there are free cores slows generation
 * by orders of magnitude (on 2 cores, 2 threads ran a tiny model 20–500× slower than 1).
 */
export function defaultThreadCount(cores: number = availableParallelism()): number {
  if (cores <= 2) return 1;
  return Math.min(cores - 1, 8);
}
