// Feeds a store from a channel: every message is checked, then applied; subscribe asks for a snapshot.
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
