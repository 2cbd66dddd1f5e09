import { describe, expect, it } from 'vitest';
import { createRedactor, secretsFromEnvironment } from './redact-secrets.js';

describe('secretsFromEnvironment', () => {
  it('takes keys, tokens and passwords by name and passwords inside URLs', () => {
    const secrets = secretsFromEnvironment({
      OPENAI_API_KEY: 'sk-proj-abcdefgh',
      GITHUB_TOKEN: 'ghp_123456789',
      DATABASE_URL: 'postgres://app:p%40ss-word-1@db:5432/app',
      HOME: '/root',
      EMPTY_TOKEN: '',
    });
    expect(secrets).toEqual(['sk-proj-abcdefgh', 'ghp_123456789', 'p%40ss-word-1', 'p@ss-word-1']);
  });
});

describe('createRedactor', () => {
  it('replaces every occurrence, longest secret first, and ignores short values', () => {
    const redact = createRedactor(['sk-abcdefgh', 'sk-abcdefgh-longer', 'short']);
    expect(redact('a sk-abcdefgh-longer b sk-abcdefgh c short')).toBe('a [REDACTED] b [REDACTED] c short');
  });

  it('also replaces the URL-encoded form', () => {
    expect(createRedactor(['p@ss word!'])('url: p%40ss%20word! raw: p@ss word!')).toBe(
      'url: [REDACTED] raw: [REDACTED]',
    );
  });
});
