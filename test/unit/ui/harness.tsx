// Renders <Panel> against a fake worker on the other end of a memoryPair: it answers subscribe
// with a snapshot of recorded findings, and server-fixes with their merged fixes, like
// extension/background/port-server.ts does.
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { memoryPair } from '../../../src/channel';
import { serverFixes } from '../../../src/core/fix/server';
import type { TabFinding, ToBackground, ToPanel } from '../../../src/messages';
import { Panel, type PanelProps } from '../../../src/ui/Panel';
import { memoryPrefs } from '../../../src/ui/stacks';
import { createPanelStore } from '../../../src/ui/store';
import { findings as recorded, tabId } from './fixtures';

export function renderPanel(opts: { findings?: TabFinding[]; prefs?: Record<string, unknown>; copy?: PanelProps['copy']; access?: PanelProps['access'] } = {}) {
  const [panelEnd, workerEnd] = memoryPair<ToPanel, ToBackground>();
  const list = opts.findings ?? recorded();
  // Every message the panel sends on its one channel, subscribe and commands alike.
  const sent: ToBackground[] = [];
  workerEnd.listen((msg) => {
    sent.push(msg);
    if (msg.type === 'subscribe') workerEnd.post({ type: 'snapshot', tabId: msg.tabId, findings: list, dropped: 0, preserveLog: false });
    // The per-server fixes, merged as the worker merges them (it adds the passing requests it saw).
    if (msg.type === 'server-fixes') workerEnd.post({ type: 'server-fixes', tabId: msg.tabId, servers: serverFixes(list) });
  });
  const store = createPanelStore({ tabId });
  const prefs = memoryPrefs(opts.prefs);
  const copied: string[] = [];
  const copy = opts.copy ?? vi.fn(async (t: string) => (copied.push(t), true));
  const download = vi.fn();
  const view = render(<Panel channel={panelEnd} tabId={tabId} prefs={prefs} copy={copy} download={download} store={store} access={opts.access} />);
  return { ...view, store, prefs, copied, copy, sent, download, worker: workerEnd };
}
