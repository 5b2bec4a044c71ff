// The panel's store, fed by the channel and the stored stack choice: shared by the panel and the
// popup in a file of its own, so the popup loads neither the panel nor what only the panel shows.
import { useEffect, useMemo } from 'preact/hooks';
import { connectStore, type PanelChannel } from './connect';
import { createPanelStore, type PanelStore } from './store';
import { useSignals } from './signal';
import { isStackChoice, STACK_PREF, type Prefs } from './stacks';

export interface StoreProps {
  channel: PanelChannel;
  tabId: number;
  prefs: Prefs;
  /** Pass one in to read state from outside (tests, bench); otherwise a new one is made. */
  store?: PanelStore | undefined;
}

/** The store, and a re-render of the calling view (the panel's or the popup's root) whenever one of its cells is set. */
export function usePanelStore(props: StoreProps): PanelStore {
  useSignals();
  const store = useMemo(() => props.store ?? createPanelStore({ tabId: props.tabId }), [props.store]);
  useEffect(() => connectStore(store, props.channel, props.tabId), [store, props.channel, props.tabId]);
  useEffect(() => {
    let live = true;
    props.prefs
      .get(STACK_PREF)
      .then((v) => {
        if (live && isStackChoice(v)) store.stack.value = v;
      })
      .catch(() => {});
    return () => void (live = false);
  }, [store, props.prefs]);
  return store;
}
