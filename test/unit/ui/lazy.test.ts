import { describe, expect, it } from 'vitest';
import { lazy } from '../../../src/ui/lazy';

describe('lazy code', () => {
  it('loads once for every caller, and keeps the module', async () => {
    let calls = 0;
    const code = lazy(() => Promise.resolve({ n: ++calls }));
    expect(code.get()).toBeUndefined();
    const [a, b] = await Promise.all([code.load(), code.load()]);
    expect(a).toBe(b);
    expect(code.get()).toEqual({ n: 1 });
    expect(calls).toBe(1);
  });

  it('does not keep a failed load: the next need tries again', async () => {
    let calls = 0;
    const code = lazy(() => (++calls === 1 ? Promise.reject(new Error('chunk gone')) : Promise.resolve('module')));
    await expect(code.load()).rejects.toThrow('chunk gone');
    expect(code.get()).toBeUndefined();
    await expect(code.load()).resolves.toBe('module');
    expect(calls).toBe(2);
  });
});
