import { rm } from 'node:fs/promises';
import { createDownloadProgressReporter } from '../model-file/format-download-progress.js';
import { parseModelSource } from '../model-file/model-source.js';
import { defaultModelsDir, resolveModelFile } from '../model-file/resolve-model-file.js';
import { defaultLocalModel } from '../provider/local-model-provider.js';
import {
  installLocalRuntime,
  localRuntimeDir,
  localRuntimeStatus,
  nodeLlamaCppVersion,
} from '../runtime/local-runtime.js';

type Io = {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof globalThis.fetch | undefined;
};

const usage = `Usage: codeact-local <command>

Commands:
  install [--force]   Install the llama.cpp runtime (node-llama-cpp ${nodeLlamaCppVersion}, CPU build, about 85 MB)
  status              Show where the runtime and downloaded models are
  pull [MODEL]        Download a model ahead of time (default: ${defaultLocalModel})

Environment: CODEACT_CACHE_DIR (cache root), CODEACT_LOCAL_RUNTIME_DIR, HF_TOKEN, CODEACT_OFFLINE.
`;

/** The `codeact-local` command; returns the exit code. Output goes to `io` (stdout and stderr by default). */
export async function runCodeactLocal(
  argv: readonly string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'install': {
        const dir = localRuntimeDir({ env: io.env });
        if (rest.includes('--force')) await rm(dir, { recursive: true, force: true });
        const before = await localRuntimeStatus({ dir });
        if (before.installed) {
          io.stdout.write(`The local runtime is already installed in ${dir}.\n`);
          return 0;
        }
        io.stderr.write(`Installing ${before.packages.join(' ')} into ${dir}…\n`);
        const status = await installLocalRuntime({ dir, env: io.env });
        io.stdout.write(`Installed node-llama-cpp ${status.version} in ${dir}.\n`);
        return 0;
      }
      case 'status': {
        const status = await localRuntimeStatus({ env: io.env });
        const runtime = status.installed
          ? `installed (node-llama-cpp ${status.version})`
          : `not installed${status.version ? ` (found ${status.version}, need ${nodeLlamaCppVersion})` : ''}`;
        io.stdout.write(`runtime: ${runtime}\n  ${status.dir}\nmodels: ${defaultModelsDir(io.env)}\n`);
        return 0;
      }
      case 'pull': {
        const source = parseModelSource(rest[0] ?? defaultLocalModel);
        const path = await resolveModelFile(source, {
          env: io.env,
          fetch: io.fetch,
          onProgress: createDownloadProgressReporter(io.stderr),
        });
        io.stdout.write(`${path}\n`);
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(usage);
        return command === undefined ? 2 : 0;
      default:
        io.stderr.write(`Unknown command "${command}".\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}
