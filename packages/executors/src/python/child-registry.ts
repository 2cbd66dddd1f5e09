const live = new Set<() => void>();
let installed = false;

function killAll(): void {
  for (const kill of live) kill();
  live.clear();
}

/**
 * Remembers how to kill a child process tree so nothing outlives the host: every tracked kill runs
 * on `process.exit`. Returns the function that forgets it again (call it once the child has exited).
 */
export function trackChild(kill: () => void): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', killAll);
  }
  live.add(kill);
  return () => {
    live.delete(kill);
  };
}

/** How many child trees are currently tracked (for tests and diagnostics). */
export function trackedChildCount(): number {
  return live.size;
}
