import type { CommandName } from './cli-options.js';

const sandboxCommands: readonly CommandName[] = ['run', 'chat', 'exec', 'bench', 'serve', 'data', 'worker', 'mcp'];

/** The flags of packages on demand (docs/packages.md), part of `cliOptions`. */
export const packageOptions = {
  packages: {
    type: 'string',
    description:
      'Packages on demand (%pip install, install_packages([...]) in an action; installed by the host, the sandbox stays offline): ask (the user approves), allow, deny',
    defaultText: 'ask in chat and serve, deny otherwise',
    choices: ['ask', 'allow', 'deny'],
    commands: sandboxCommands,
  },
  'packages-policy': {
    type: 'string',
    description:
      'File of package rules, one a line: allow NAME or deny NAME (* for every package); with any allow line the rest are denied',
    commands: sandboxCommands,
  },
  'index-url': {
    type: 'string',
    description: 'Package index for --packages: a PEP 503 URL (a mirror) or a local directory',
    defaultText: 'https://pypi.org/simple',
    commands: sandboxCommands,
  },
  'pyodide-index-url': {
    type: 'string',
    description:
      "Pyodide's own packages (numpy, pandas, … built for WebAssembly) for --packages: a mirror URL or a local directory",
    defaultText: "Pyodide's CDN for its version",
    commands: sandboxCommands,
  },
  'allow-sdist': {
    type: 'boolean',
    description: 'Also install source distributions (built on the host by pip); by default only binary wheels',
    commands: sandboxCommands,
  },
} as const;
