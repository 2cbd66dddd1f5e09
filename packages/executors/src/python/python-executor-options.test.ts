import { describe, expect, it } from 'vitest';
import { resolveRunAs } from './python-executor-options.js';

const isRoot = process.getuid?.() === 0;

describe('resolveRunAs', () => {
  it('is only used for a sandbox on a root host', () => {
    expect(resolveRunAs({}, false)).toBeUndefined();
    expect(resolveRunAs({}, true)).toEqual(isRoot ? { uid: 65534, gid: 65534 } : undefined);
  });

  it('takes a dedicated uid, with its gid defaulting to the same number', () => {
    const expected = (value: object) => (isRoot ? value : undefined);
    expect(resolveRunAs({ runAsUid: 200_000 }, true)).toEqual(expected({ uid: 200_000, gid: 200_000 }));
    expect(resolveRunAs({ runAsUid: 200_000, runAsGid: 65534 }, true)).toEqual(expected({ uid: 200_000, gid: 65534 }));
  });

  it('refuses root and nonsense ids', () => {
    expect(() => resolveRunAs({ runAsUid: 0 }, true)).toThrow(RangeError);
    expect(() => resolveRunAs({ runAsGid: -1 }, true)).toThrow(RangeError);
    expect(() => resolveRunAs({ runAsUid: 1.5 }, true)).toThrow(RangeError);
  });
});
