import { describe, expect, it } from 'vitest';
import { memoryPair } from '../../src/channel';

describe('memoryPair', () => {
  it('delivers a message to the other end only, as a copy', async () => {
    const [a, b] = memoryPair<string, { n: number }>();
    const gotB: number[] = [];
    const gotA: string[] = [];
    b.listen((m) => gotB.push(m.n));
    a.listen((m) => gotA.push(m));
    const msg = { n: 1 };
    a.post(msg);
    msg.n = 2;
    await Promise.resolve();
    expect(gotB).toEqual([1]);
    expect(gotA).toEqual([]);
  });

  it('stops delivering after unlisten', async () => {
    const [a, b] = memoryPair<string, string>();
    const got: string[] = [];
    const off = b.listen((m) => got.push(m));
    off();
    a.post('x');
    await Promise.resolve();
    expect(got).toEqual([]);
  });
});
