import { describe, expect, it } from 'vitest';
import { portChannel, type PortLike } from '../../../extension/panel/port-channel';

function fakePort() {
  const sent: unknown[] = [];
  const onMsg: ((m: unknown) => void)[] = [];
  const onDis: (() => void)[] = [];
  const port: PortLike & { sent: unknown[]; deliver(m: unknown): void; drop(): void } = {
    sent,
    postMessage: (m) => void sent.push(m),
    onMessage: { addListener: (fn) => void onMsg.push(fn) },
    onDisconnect: { addListener: (fn) => void onDis.push(fn) },
    disconnect() {},
    deliver: (m) => onMsg.forEach((fn) => fn(m)),
    drop: () => onDis.forEach((fn) => fn()),
  };
  return port;
}

describe('portChannel', () => {
  it('reconnects with growing delays after the worker dies and re-sends subscribe', () => {
    const ports: ReturnType<typeof fakePort>[] = [];
    const timers: { fn: () => void; ms: number }[] = [];
    const ch = portChannel(
      () => {
        const p = fakePort();
        ports.push(p);
        return p;
      },
      (fn, ms) => timers.push({ fn, ms }),
    );
    const got: unknown[] = [];
    ch.listen((m) => got.push(m));
    ch.post({ type: 'subscribe', tabId: 4 });
    expect(ports[0]!.sent).toEqual([{ type: 'subscribe', tabId: 4 }]);
    ports[0]!.deliver({ type: 'cleared', tabId: 4 });
    expect(got).toEqual([{ type: 'cleared', tabId: 4 }]);

    ports[0]!.drop();
    expect(timers.map((t) => t.ms)).toEqual([100]);
    timers[0]!.fn();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent).toEqual([{ type: 'subscribe', tabId: 4 }]);
    ports[1]!.drop();
    timers[1]!.fn();
    expect(timers.map((t) => t.ms)).toEqual([100, 200]);
    ports[2]!.deliver({ type: 'cleared', tabId: 4 }); // a message resets the backoff
    ports[2]!.drop();
    expect(timers.at(-1)!.ms).toBe(100);
  });

  it('keeps retrying when connecting throws, and stops after close()', () => {
    const timers: (() => void)[] = [];
    let attempts = 0;
    const ch = portChannel(
      () => {
        attempts++;
        throw new Error('Extension context invalidated.');
      },
      (fn) => timers.push(fn),
    );
    timers.shift()!();
    expect(attempts).toBe(2);
    ch.close();
    timers.shift()!();
    expect(attempts).toBe(2);
  });

  it('sends commands on the same port; one sent while disconnected follows the next subscribe', () => {
    const ports: ReturnType<typeof fakePort>[] = [];
    const timers: (() => void)[] = [];
    const ch = portChannel(
      () => {
        const p = fakePort();
        ports.push(p);
        return p;
      },
      (fn) => timers.push(fn),
    );
    ch.post({ type: 'subscribe', tabId: 4 });
    ch.post({ type: 'preserve-log', tabId: 4, on: true });
    expect(ports[0]!.sent).toEqual([
      { type: 'subscribe', tabId: 4 },
      { type: 'preserve-log', tabId: 4, on: true },
    ]);
    ports[0]!.drop();
    ch.post({ type: 'clear', tabId: 4 });
    timers.shift()!();
    // The command is not the subscription: the new port gets subscribe (not clear) first, then clear once.
    expect(ports[1]!.sent).toEqual([
      { type: 'subscribe', tabId: 4 },
      { type: 'clear', tabId: 4 },
    ]);
    ports[1]!.drop();
    timers.shift()!();
    expect(ports[2]!.sent).toEqual([{ type: 'subscribe', tabId: 4 }]);
  });
});
