import { describe, expect, it } from 'vitest';
import { collectJobId, episodeJobId, episodeQueueName } from './episode-job.js';
import { queueBackendOf } from './queue-connection.js';
import { parseRateLimits } from './rate-limit.js';

const job = {
  kind: 'bench' as const,
  suite: 'm3tooleval',
  taskId: 'web_browsing/people_in_sales',
  format: 'code',
  model: 'script:/tmp/a.jsonl',
  suiteOptions: {},
};

describe('episodeJobId', () => {
  it('is stable, readable and free of colons', () => {
    const id = episodeJobId(job);
    expect(id).toBe(episodeJobId({ ...job }));
    expect(id).not.toContain(':');
    expect(id).toMatch(/^m3tooleval\.code\.web_browsing_people_in_sales\.script_tmp_a\.jsonl\.[0-9a-f]{16}$/);
  });

  it('differs for every field that changes the episode', () => {
    const ids = new Set([
      episodeJobId(job),
      episodeJobId({ ...job, format: 'json' }),
      episodeJobId({ ...job, taskId: 'web_browsing/people_in_sales2' }),
      episodeJobId({ ...job, model: 'openai:gpt-4o' }),
      episodeJobId({ ...job, suiteOptions: { fixed: true } }),
      episodeJobId({ ...job, suiteOptions: { seed: 1 } }),
    ]);
    expect(ids.size).toBe(6);
  });

  it('names a queue per suite', () => {
    expect(episodeQueueName('api-bank')).toBe('codeact-bench-api-bank');
  });
});

describe('queueBackendOf', () => {
  it('picks the backend from the URL scheme, with the fix for anything else', () => {
    expect(queueBackendOf('postgres://u@h/db')).toBe('postgres');
    expect(queueBackendOf('postgresql://u@h/db')).toBe('postgres');
    expect(queueBackendOf('redis://h:6379')).toBe('redis');
    expect(() => queueBackendOf('mysql://h/db')).toThrow(/Unsupported queue "mysql:".*--queue postgres:\/\//);
    expect(() => queueBackendOf('localhost')).toThrow(/is not a URL/);
  });
});

describe('parseRateLimits', () => {
  it('reads PROVIDER=N/UNIT lists', () => {
    expect(parseRateLimits('openai=60/min, anthropic=2/s')).toEqual({
      openai: { max: 60, durationMs: 60_000 },
      anthropic: { max: 2, durationMs: 1000 },
    });
    expect(parseRateLimits(undefined)).toEqual({});
  });

  it('rejects anything else with the expected form', () => {
    expect(() => parseRateLimits('openai=fast')).toThrow(
      '--rate "openai=fast" is not PROVIDER=N/UNIT, e.g. openai=60/min.',
    );
    expect(() => parseRateLimits('openai=0/min')).toThrow(/not PROVIDER=N\/UNIT/);
  });
});

describe('collectJobId', () => {
  const collect = {
    kind: 'collect' as const,
    dataset: 'run-1',
    task: { id: 'math/algebra/11' },
    model: 'openai:gpt-4o',
    role: 'primary' as const,
    settings: { temperature: 0 },
  };

  it('is stable, colon-free, and differs by dataset, task, model, role and settings', () => {
    expect(collectJobId(collect)).toBe(collectJobId({ ...collect, task: { id: 'math/algebra/11' } }));
    expect(collectJobId(collect)).toMatch(/^collect\.run-1\.math_algebra_11\.openai_gpt-4o\.[0-9a-f]{16}$/);
    const ids = new Set([
      collectJobId(collect),
      collectJobId({ ...collect, dataset: 'run-2' }),
      collectJobId({ ...collect, task: { id: 'math/algebra/12' } }),
      collectJobId({ ...collect, model: 'openai:gpt-4o-mini' }),
      collectJobId({ ...collect, role: 'fallback' }),
      collectJobId({ ...collect, settings: { temperature: 0.7 } }),
    ]);
    expect(ids.size).toBe(6);
  });
});
