// Pages open before the extension started get the hook and the bridge (extension/background/
// hook-tabs.ts): every frame without a live bridge, the bridge first; a tab that cannot be scripted
// is reported (its panel says so); pages we cannot watch are left alone.
import { describe, expect, it } from 'vitest';
import { bridgeAlive, hookTabs, type Inject } from '../../extension/background/hook-tabs';

const FILES = { hook: 'extension/content/page-hook.iife.js', bridge: 'extension/content/bridge.iife.js' };

/** executeScript against tabs of frames, some with a live bridge; tab 9 cannot be scripted. */
function fakeBrowser(frames: Record<number, { frameId: number; alive: boolean }[]>) {
  const calls: { tabId: number; what: string; frameIds?: number[]; world?: string }[] = [];
  const inject: Inject = async ({ target, func, files, world }) => {
    if (target.tabId === 9) throw new Error('Cannot access contents of the page');
    const all = frames[target.tabId] ?? [];
    calls.push({
      tabId: target.tabId,
      what: func ? 'probe' : files![0]!,
      ...(target.frameIds ? { frameIds: target.frameIds } : {}),
      ...(world ? { world } : {}),
    });
    if (func) return all.map((f) => ({ frameId: f.frameId, result: f.alive }));
    return (target.frameIds ?? []).map((frameId) => ({ frameId }));
  };
  return { inject, calls };
}

describe('hookTabs', () => {
  it('injects the bridge, then the hook in the MAIN world, into the frames that lack a live bridge only', async () => {
    const b = fakeBrowser({
      1: [
        { frameId: 0, alive: false },
        { frameId: 4, alive: true },
        { frameId: 7, alive: false },
      ],
      2: [{ frameId: 0, alive: true }],
    });
    const failed = await hookTabs(
      [
        { id: 1, url: 'https://app.example/' },
        { id: 2, url: 'http://localhost:3000/' },
      ],
      FILES,
      b.inject,
    );
    expect(failed).toEqual([]);
    expect(b.calls).toEqual([
      { tabId: 1, what: 'probe' },
      { tabId: 2, what: 'probe' },
      { tabId: 1, what: FILES.bridge, frameIds: [0, 7] },
      { tabId: 1, what: FILES.hook, frameIds: [0, 7], world: 'MAIN' },
    ]);
  });

  it('reports the watchable tabs it could not hook, and does not try the others', async () => {
    const b = fakeBrowser({});
    const failed = await hookTabs(
      [{ id: 9, url: 'https://blocked.example/' }, { id: 3, url: 'chrome://settings/' }, { url: 'https://no-id.example/' }, { id: 5, url: 'about:blank' }],
      FILES,
      b.inject,
    );
    expect(failed).toEqual([9]);
    expect(b.calls).toEqual([]);
  });
});

describe('bridgeAlive (runs in the ISOLATED world)', () => {
  const g = globalThis as { __corsInspectorBridge?: unknown };
  it('true only for a mark that answers true; a throwing or missing one is false', () => {
    delete g.__corsInspectorBridge;
    expect(bridgeAlive()).toBe(false);
    g.__corsInspectorBridge = () => true;
    expect(bridgeAlive()).toBe(true);
    g.__corsInspectorBridge = () => false;
    expect(bridgeAlive()).toBe(false);
    g.__corsInspectorBridge = () => {
      throw new Error('Extension context invalidated.');
    };
    expect(bridgeAlive()).toBe(false);
    delete g.__corsInspectorBridge;
  });
});
