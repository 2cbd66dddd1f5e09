import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { isLoopbackHost, startServer } from '../start-server.js';
import { AccessControl, generateAccessToken } from './access-control.js';
import { hostnameOf } from './browser-hardening.js';
import { RateLimiter } from './rate-limiter.js';
import { isSafeFileName } from './safe-file-name.js';

describe('isSafeFileName', () => {
  it.each(['sales.csv', 'Q1 report (final).xlsx', 'données_2024.csv', 'a-b+c.txt'])('accepts %j', (name) => {
    expect(isSafeFileName(name)).toBe(true);
  });
  it.each([
    '',
    '.',
    '..',
    '../x',
    'a/b',
    'a\\b',
    '.hidden',
    '-rf',
    'x\u0000y',
    'trailing.',
    'a..b',
    'x'.repeat(129),
    'a\nb',
  ])('refuses %j', (name) => {
    expect(isSafeFileName(name)).toBe(false);
  });
});

describe('AccessControl', () => {
  it('generates 256-bit URL-safe tokens', () => {
    const token = generateAccessToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateAccessToken()).not.toBe(token);
  });

  it('maps tokens and their session values to users, and nothing else', () => {
    const access = new AccessControl([
      { token: 'alice-token-0123456789', user: 'alice' },
      { token: 'bob-token-0123456789' },
    ]);
    expect(access.userForToken('alice-token-0123456789')).toBe('alice');
    expect(access.userForToken('bob-token-0123456789')).toBe('local');
    expect(access.userForToken('alice-token-012345678')).toBeUndefined();
    const session = access.sessionFor('alice-token-0123456789') as string;
    expect(session).not.toContain('alice-token');
    expect(access.userForSession(session)).toBe('alice');
    expect(access.userForSession(`${session.slice(0, -2)}AA`)).toBeUndefined();
    expect(access.userForSession('short')).toBeUndefined();
  });

  it('refuses short tokens', () => {
    expect(() => new AccessControl([{ token: 'short' }])).toThrow(/16 characters/);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perMinute: 60 }, () => now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 1000;
    expect(limiter.take('a').allowed).toBe(true);
  });
});

describe('host checks', () => {
  it('reads the hostname of Host headers', () => {
    expect(hostnameOf('LocalHost:8700')).toBe('localhost');
    expect(hostnameOf('[::1]:8700')).toBe('[::1]');
    expect(hostnameOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses to listen on a non-loopback address without allowRemote', async () => {
    const options = { host: '0.0.0.0' } as Parameters<typeof startServer>[0];
    await expect(startServer(options)).rejects.toThrow(/--allow-remote/);
  });
});

describe('createLogger', () => {
  it('writes JSON lines, redacts secrets and strips terminal escapes', () => {
    const lines: string[] = [];
    const logger = createLogger({
      write: (line) => lines.push(line),
      secrets: () => ['sk-secret-value-123'],
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    logger.log('info', 'turn finished', { output: '\u001b[31mred\u001b[0m sk-secret-value-123' });
    logger.log('debug', 'hidden');
    expect(lines).toEqual([
      '{"time":"2026-01-01T00:00:00.000Z","level":"info","msg":"turn finished","output":"[31mred[0m [redacted]"}\n',
    ]);
  });
});
