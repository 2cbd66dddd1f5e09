import { type CommandName, cliOptions, commandNames } from './cli-options.js';

const usages: Record<CommandName, { usage: string; summary: string }> = {
  run: { usage: 'codeact run [options] "TASK"', summary: 'Run the agent on one task and print its answer' },
  chat: { usage: 'codeact chat [options]', summary: 'Talk with the agent; it runs Python between your messages' },
  exec: {
    usage: 'codeact exec [--toolset NAME] [--interpreter I] FILE|-',
    summary: 'Run Python in the sandbox and print the observation the model would see',
  },
  bench: {
    usage:
      'codeact bench m3tooleval|api-bank|mint --model M [options] | codeact bench status|results --queue URL --out DIR',
    summary: "Run one of the paper's benchmarks and write results.json, report.md and chart.svg",
  },
  serve: {
    usage: 'codeact serve [--model M[,M2…]] [--port 8700] [options]',
    summary: 'Start the chat UI and its HTTP API on 127.0.0.1',
  },
  worker: {
    usage: 'codeact worker --queue postgres://…|redis://… [--concurrency N] [--suites …]',
    summary: 'Run queued benchmark and collection episodes (from `codeact bench|data collect --queue`) on this machine',
  },
  data: {
    usage: 'codeact data collect|filter|export|stats|import [options]',
    summary: 'Make your own CodeActInstruct: collect, filter, export and count trajectories',
  },
  mcp: {
    usage: 'codeact mcp list NAME=COMMAND|NAME=URL … [--mcp-config FILE]  |  codeact mcp serve [--model M] [options]',
    summary: 'MCP: list the Python stubs of servers, or serve codeact itself over stdio',
  },
};

/** Help text generated from the option table. */
export function renderHelp(command?: CommandName): string {
  if (!command) {
    const lines = commandNames.map((name) => `  ${name.padEnd(7)} ${usages[name].summary}`);
    return `codeact: CodeAct agents that act in Python\n\nUsage: codeact <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "codeact <command> --help" for its options, "codeact --version" for the version.\n`;
  }
  const rows = Object.entries(cliOptions)
    .filter(([, spec]) => (spec.commands as readonly string[]).includes(command))
    .map(([name, spec]) => {
      const value = spec.type === 'string' ? ` VALUE${'multiple' in spec ? '…' : ''}` : '';
      const flag = `${'short' in spec ? `-${spec.short}, ` : '    '}--${name}${value}`;
      const extra = 'defaultText' in spec ? ` (default: ${spec.defaultText})` : '';
      return `  ${flag.padEnd(26)} ${spec.description}${extra}`;
    });
  return `${usages[command].summary}\n\nUsage: ${usages[command].usage}\n\nOptions:\n${rows.join('\n')}\n`;
}
