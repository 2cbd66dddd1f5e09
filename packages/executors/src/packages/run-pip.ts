import { execFile } from 'node:child_process';

/** Settings of the host's pip: the interpreter it runs under and where it finds packages. */
export type PipSource = {
  readonly pythonPath: string;
  /** A PEP 503 index: `https://…/simple`, or `file:///dir` (a local directory). */
  readonly indexUrl: string;
};

export class PipError extends Error {}

const proxyNames = ['http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];

/** pip's environment: no user or site configuration, nothing of the host's but proxies and CA bundles. */
function pipEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
  };
  for (const name of [...proxyNames, 'SSL_CERT_FILE', 'PIP_CERT', 'REQUESTS_CA_BUNDLE']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * Runs `python -m pip ARGS` on the host with umask 022, so what it installs is readable by the
 * sandbox uid whatever this process's umask; rejects with pip's last error lines.
 */
export function runPip(
  pythonPath: string,
  args: readonly string[],
  home: string,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', 'umask 022 && exec "$0" "$@"', pythonPath, '-I', '-m', 'pip', ...args],
      { env: pipEnv(home), timeout: 600_000, maxBuffer: 16 * 1024 * 1024, signal },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (/No module named pip/.test(`${stderr}`)) {
          return reject(
            new PipError(`the host has no pip for ${pythonPath}: install it (apt-get install python3-pip).`),
          );
        }
        const lines = `${stderr}`.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('WARNING'));
        const start = lines.findIndex((line) => line.startsWith('ERROR'));
        const detail = (start >= 0 ? lines.slice(start) : lines.slice(-6)).join('\n').trim();
        reject(new PipError(detail || error.message, { cause: error }));
      },
    );
  });
}
