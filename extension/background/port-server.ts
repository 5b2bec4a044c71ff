// The live subscription behind the `cors-panel` port (docs/message-api.md): the panel says
// `subscribe` with its tab, gets a snapshot, then additions; its clear and preserve-log commands
// come on the same port. Written against Channel so the unit test drives it through memoryPair();
// main.ts wraps a runtime.Port in the same interface.
import type { Channel } from '../../src/channel';
import { isToBackground, type ToPanel } from '../../src/messages';
import { serverFixes } from '../../src/core/fix/server';
import type { Passing } from './passing';
import type { Store, StoreEvent } from './store';

export function servePanel(
  channel: Channel<unknown, ToPanel>,
  store: Pick<Store, 'watch' | 'snapshot' | 'clear' | 'setPreserveLog'>,
  passing?: Pick<Passing, 'seen'>,
): () => void {
  let stop: (() => void) | undefined;
  let current = -1;

  const forward = (tabId: number) => (e: StoreEvent) => {
    if (e.type === 'cleared') channel.post({ type: 'cleared', tabId });
    // At the cap too: the new findings, the dropped count and how many of the oldest to take out,
    // never a whole snapshot per finding.
    else if (e.type === 'added')
      channel.post({ type: 'added', tabId, findings: e.findings, dropped: e.dropped, ...(e.removed > 0 ? { removed: e.removed } : {}) });
    // The preserve-log flag changed: a fresh snapshot carries it.
    else void store.snapshot(tabId).then(({ blocked: _, ...s }) => current === tabId && channel.post({ type: 'snapshot', ...s }));
  };

  const unlisten = channel.listen((msg) => {
    if (!isToBackground(msg)) return; // every receive site narrows `unknown`: any extension page can post here
    // The panel's commands share its port; the store's own events answer them ('cleared', a snapshot).
    if (msg.type === 'clear') return void store.clear(msg.tabId).catch(() => {});
    if (msg.type === 'preserve-log') return void store.setPreserveLog(msg.tabId, msg.on).catch(() => {});
    // The panel renders the chosen stack's snippet itself: the reply carries the specs only.
    if (msg.type === 'server-fixes') {
      const tabId = msg.tabId;
      return void Promise.all([store.snapshot(tabId), passing?.seen(tabId) ?? []])
        .then(([s, seen]) => channel.post({ type: 'server-fixes', tabId, servers: serverFixes([...s.findings, ...seen]) }))
        .catch(() => {});
    }
    stop?.();
    current = msg.tabId;
    stop = store.watch(msg.tabId, (s) => channel.post({ type: 'snapshot', ...s }), forward(msg.tabId));
  });

  return () => {
    unlisten();
    stop?.();
    current = -1;
  };
}
