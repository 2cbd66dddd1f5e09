import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export type MachineFacts = {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly os: string;
  readonly node: string;
  readonly bwrap: string;
  readonly loadAverage: string;
  /** Machine-wide idle CPU fraction just before the run. */
  readonly idleBefore: number;
};

function osName(): string {
  try {
    const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return match?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function bwrapVersion(): string {
  try {
    return execFileSync('bwrap', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'not installed';
  }
}

export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

export function machineFacts(idleBefore: number): MachineFacts {
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    os: osName(),
    node: process.version,
    bwrap: bwrapVersion(),
    loadAverage: loadAverage(),
    idleBefore,
  };
}
