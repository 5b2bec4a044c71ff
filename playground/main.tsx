// Renders <Panel> with recorded findings through a fake worker on a memoryPair. Query options:
// ?theme=dark, ?popup, ?n=10000 (repeat the recorded findings to n), ?empty.
import { render } from 'preact';
import '../src/ui/panel.css';
import { memoryPair } from '../src/channel';
import type { TabFinding, ToBackground, ToPanel } from '../src/messages';
import { Panel } from '../src/ui/Panel';
import { Popup } from '../src/ui/Popup';
import { memoryPrefs } from '../src/ui/stacks';
import recorded from '../test/fixtures/tab-findings.json' with { type: 'json' };

const q = new URLSearchParams(location.search);
const theme = q.get('theme') === 'dark' ? 'dark' : 'light';
const base = (recorded as unknown as { findings: TabFinding[] }).findings;
const n = Number(q.get('n') ?? base.length);
const findings = q.has('empty') ? [] : Array.from({ length: n }, (_, i) => ({ ...base[i % base.length]!, id: `p${i}`, time: base[i % base.length]!.time + i }));

const [panelEnd, worker] = memoryPair<ToPanel, ToBackground>();
worker.listen((m) => {
  if (m.type === 'subscribe') worker.post({ type: 'snapshot', tabId: m.tabId, findings, dropped: 0, preserveLog: false });
  else if (m.type === 'clear') worker.post({ type: 'cleared', tabId: m.tabId });
});
const prefs = memoryPrefs();
const tabId = (recorded as unknown as { tabId: number }).tabId;
document.documentElement.dataset.theme = theme;
render(
  q.has('popup') ? (
    <Popup channel={panelEnd} tabId={tabId} prefs={prefs} theme={theme} />
  ) : (
    <Panel channel={panelEnd} tabId={tabId} prefs={prefs} theme={theme} />
  ),
  document.getElementById('app')!,
);
