import { readFileSync } from 'node:fs';
import type { CliIo } from './cli-io.js';
import { isDataSubcommand, renderDataHelp } from './commands/data-help.js';
import { describeFailure } from './describe-failure.js';
import { parseCli } from './parse-cli.js';
import { renderHelp } from './render-help.js';

/**
 * Runs the `codeact` command line against `io` and returns the exit code: 0 success, 1 failure,
 * 2 usage or configuration error (with the fix in the message).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-V') {
    io.stdout.write(`codeact ${cliVersion()}\n`);
    return 0;
  }
  const parsed = parseCli(argv);
  if (!parsed.success) {
    io.stderr.write(`codeact: ${parsed.error}\n`);
    return 2;
  }
  const { command, values, positionals } = parsed;
  if (command === 'data' && values.help && isDataSubcommand(positionals[0])) {
    io.stdout.write(renderDataHelp(positionals[0]));
    return 0;
  }
  if (!command || values.help) {
    io.stdout.write(renderHelp(command));
    return 0;
  }
  try {
    switch (command) {
      case 'run':
        return await (await import('./commands/run-command.js')).runCommand(values, positionals, io);
      case 'chat':
        return await (await import('./commands/chat-command.js')).chatCommand(values, positionals, io);
      case 'exec':
        return await (await import('./commands/exec-command.js')).execCommand(values, positionals, io);
      case 'bench':
        return await (await import('./commands/bench-command.js')).benchCommand(values, positionals, io);
      case 'serve':
        return await (await import('./commands/serve-command.js')).serveCommand(values, positionals, io);
      case 'data':
        return await (await import('./commands/data-command.js')).dataCommand(values, positionals, io);
      case 'worker':
        return await (await import('./commands/worker-command.js')).workerCommand(values, positionals, io);
      case 'mcp':
        return await (await import('./commands/mcp-command.js')).mcpCommand(values, positionals, io);
    }
  } catch (error) {
    const failure = describeFailure(error);
    io.stderr.write(`codeact: ${failure.message}\n`);
    if (io.env.CODEACT_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return failure.exitCode;
  }
}

function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
