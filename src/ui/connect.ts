// Feeds a store from a channel: every message is checked, then applied; subscribe asks for a snapshot.
// The panel's commands go out on the same channel (one transport: the `cors-panel` port).
import type { Channel } from '../channel';
import { isToPanel, type ToBackground, type ToPanel } from '../messages';
import { applyMessage, type PanelStore } from './store';

export type PanelChannel = Channel<ToPanel, ToBackground>;

export function connectStore(store: PanelStore, channel: PanelChannel, tabId: number): () => void {
  store.tabId.value = tabId;
  const stop = channel.listen((msg: unknown) => {
    if (isToPanel(msg)) applyMessage(store, msg);
  });
  channel.post({ type: 'subscribe', tabId });
  return stop;
}

/** Empties the list at once and asks the worker to forget the tab, on the same channel. */
export function clearTab(store: PanelStore, channel: PanelChannel, tabId: number): void {
  store.findings.value = [];
  store.selectedKey.value = null;
  channel.post({ type: 'clear', tabId });
}

/** Keep the tab's log across its navigations; the worker answers with a snapshot carrying the flag. */
export function setPreserveLog(store: PanelStore, channel: PanelChannel, tabId: number, on: boolean): void {
  store.preserveLog.value = on;
  channel.post({ type: 'preserve-log', tabId, on });
}
