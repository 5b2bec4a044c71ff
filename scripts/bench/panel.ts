// Panel benchmark (happy-dom): first render of N findings and one filter keystroke, for 100 and
// 10,000 findings side by side. The list is windowed, so 10,000 should cost close to 100; the
// ratio is the figure to watch. Rendering is made synchronous (options.debounceRendering) so a
// keystroke's time includes the re-render it causes (and the first filter's per-finding text cache).
// Median of several rounds after warm-up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { BenchRow } from './core';

const win = new Window({ url: 'http://localhost/', width: 1280, height: 800 });
Object.assign(globalThis, {
  window: win,
  document: win.document,
  HTMLElement: win.HTMLElement,
  Node: win.Node,
  Event: win.Event,
  KeyboardEvent: win.KeyboardEvent,
});

const { options, render, h } = await import('preact');
const { Panel } = await import('../../src/ui/Panel');
const { applyMessage, createPanelStore } = await import('../../src/ui/store');
const { memoryPrefs } = await import('../../src/ui/stacks');
type TabFinding = import('../../src/messages').TabFinding;

options.debounceRendering = (cb) => cb();

const recorded = JSON.parse(readFileSync(fileURLToPath(new URL('../../test/fixtures/tab-findings.json', import.meta.url)), 'utf8')) as {
  tabId: number;
  findings: TabFinding[];
};
const errors = recorded.findings.filter((f) => f.severity === 'error');

function make(n: number): TabFinding[] {
  return Array.from({ length: n }, (_, i) => {
    const f = errors[i % errors.length]!;
    return { ...f, id: `b${i}`, time: f.time + i, url: `${f.url}&n=${i % 97}` };
  });
}

function once(findings: TabFinding[]): { render: number; keystroke: number } {
  const root = document.createElement('div');
  document.body.appendChild(root);
  const store = createPanelStore({ tabId: recorded.tabId });
  applyMessage(store, { type: 'snapshot', tabId: recorded.tabId, findings, dropped: 0, preserveLog: false });
  const channel = { listen: () => () => {}, post: () => {} };
  const t0 = performance.now();
  render(h(Panel, { channel, tabId: recorded.tabId, prefs: memoryPrefs(), copy: async () => true, store }), root);
  const t1 = performance.now();
  store.filterText.value = 'acao'; // one keystroke's worth of filtering and re-render
  const t2 = performance.now();
  render(null, root);
  root.remove();
  return { render: t1 - t0, keystroke: t2 - t1 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(n: number, rounds = 7) {
  // Fresh finding objects every round, so per-finding caches (group key, filter text) start cold,
  // as they do when a snapshot arrives.
  once(make(n));
  once(make(n)); // warm-up (JIT)
  const runs = Array.from({ length: rounds }, () => once(make(n)));
  return { render: median(runs.map((r) => r.render)), keystroke: median(runs.map((r) => r.keystroke)) };
}

const row = (name: string, records: number, ms: number): BenchRow => ({
  section: 'panel',
  name,
  records,
  opsPerSec: Math.round(1000 / ms),
  usPerOp: ms * 1000,
});

export function benchPanel(): BenchRow[] {
  const small = measure(100);
  const big = measure(10_000);
  const ratio = (a: number, b: number) => `(×${(a / b).toFixed(1)} the 100 case)`;
  return [
    row('first render', 100, small.render),
    row(`first render ${ratio(big.render, small.render)}`, 10_000, big.render),
    row('filter keystroke', 100, small.keystroke),
    row(`filter keystroke ${ratio(big.keystroke, small.keystroke)}`, 10_000, big.keystroke),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of benchPanel()) console.log(`${r.name.padEnd(36)} ${String(r.records).padStart(6)}  ${(r.usPerOp / 1000).toFixed(2)} ms`);
}
