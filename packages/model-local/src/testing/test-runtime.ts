import { fileURLToPath } from 'node:url';
import {
  installLocalRuntime,
  type LocalRuntimeStatus,
  localRuntimeDir,
  nodeLlamaCppVersion,
} from '../runtime/local-runtime.js';

/**
 * Where test suites keep the local runtime: `$CODEACT_LOCAL_RUNTIME_DIR`, else the repository's
 * `node_modules/.cache/codeact/local-runtime/<version>` (removed with node_modules).
 */
export function testRuntimeDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.CODEACT_LOCAL_RUNTIME_DIR?.trim()) return localRuntimeDir({ env });
  return fileURLToPath(
    new URL(`../../../../node_modules/.cache/codeact/local-runtime/${nodeLlamaCppVersion}`, import.meta.url),
  );
}

/**
 * Installs the runtime for tests once (npm registry access, about 10–20 s cold; instant when cached).
 * Safe to call from parallel workers.
 */
export function ensureTestRuntime(): Promise<LocalRuntimeStatus> {
  return installLocalRuntime({ dir: testRuntimeDir() });
}
