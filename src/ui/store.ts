// The panel's state: cells (./signal.ts) fed by one plain function, applyMessage(), tested without
// the DOM (preact-devtools' createStore()/applyEvent()). Components read these cells; they never
// talk to the channel themselves.
import { computed, signal, type ReadonlySignal, type Signal } from './signal';
import type { TabFinding, ToPanel, TrialState, Unwatched } from '../messages';
import { endpointOf, haystackOf } from './format';
import type { StackChoice } from './stacks';

/** One list row: a single finding, or a group "same endpoint, same cause" led by its newest finding. */
export interface Row {
  key: string;
  finding: TabFinding;
  count: number;
}

export interface CauseOption {
  cause: string;
  count: number;
}

/** 'cookies': credentials that never left (kind 'cookie'), apart from CORS failures and warnings. */
export type View = 'errors' | 'warnings' | 'cookies';

export interface PanelStore {
  tabId: Signal<number | null>;
  /** Newest first. */
  findings: Signal<TabFinding[]>;
  dropped: Signal<number>;
  preserveLog: Signal<boolean>;
  /** The tab's document could not be hooked: credentials modes of cookie-less requests are unknown. */
  unhooked: Signal<boolean>;
  /** Requests the page made before the extension was listening: outcome unknown. */
  unwatched: Signal<Unwatched | null>;
  /** False until the first snapshot arrives (and again while reconnecting). */
  loaded: Signal<boolean>;
  filterText: Signal<string>;
  /** A cause as the list shows it, or '' for every cause. */
  causeFilter: Signal<string>;
  grouped: Signal<boolean>;
  view: Signal<View>;
  selectedKey: Signal<string | null>;
  /** The detail shows the selected row; Esc closes it and keeps the selection (Enter opens it again). */
  detailOpen: Signal<boolean>;
  /** The tab's "Try fix" trial, while one runs. */
  trial: Signal<TrialState | null>;
  stack: Signal<StackChoice>;
  errors: ReadonlySignal<TabFinding[]>;
  warnings: ReadonlySignal<TabFinding[]>;
  cookies: ReadonlySignal<TabFinding[]>;
  causes: ReadonlySignal<CauseOption[]>;
  /** What the list shows: the current view, filtered, grouped or flat. */
  rows: ReadonlySignal<Row[]>;
  selected: ReadonlySignal<Row | undefined>;
}

export function createPanelStore(init: { tabId?: number | null; stack?: StackChoice } = {}): PanelStore {
  const findings = signal<TabFinding[]>([]);
  const filterText = signal('');
  const causeFilter = signal('');
  const grouped = signal(true);
  const view = signal<View>('errors');
  const selectedKey = signal<string | null>(null);
  const errors = computed(() => findings.value.filter((f) => f.severity === 'error'));
  const warnings = computed(() => findings.value.filter((f) => f.severity !== 'error' && f.kind !== 'cookie'));
  const cookies = computed(() => findings.value.filter((f) => f.kind === 'cookie'));
  const inView = (): TabFinding[] => (view.value === 'errors' ? errors.value : view.value === 'cookies' ? cookies.value : warnings.value);
  const causes = computed(() => causeOptions(inView()));
  const filtered = computed(() => {
    const text = filterText.value.trim().toLowerCase();
    const cause = causeFilter.value;
    const list = inView();
    if (!text && !cause) return list;
    return list.filter((f) => (!cause || f.cause === cause) && (!text || haystackOf(f).includes(text)));
  });
  const rows = computed<Row[]>(() => rowsOf(filtered.value, grouped.value));
  const selected = computed(() => {
    const key = selectedKey.value;
    return key === null ? undefined : rows.value.find((r) => r.key === key);
  });
  return {
    tabId: signal(init.tabId ?? null),
    findings,
    dropped: signal(0),
    preserveLog: signal(false),
    unhooked: signal(false),
    unwatched: signal<Unwatched | null>(null),
    loaded: signal(false),
    filterText,
    causeFilter,
    grouped,
    view,
    selectedKey,
    detailOpen: signal(true),
    trial: signal<TrialState | null>(null),
    stack: signal<StackChoice>(init.stack ?? 'headers'),
    errors,
    warnings,
    cookies,
    causes,
    rows,
    selected,
  };
}

/** The causes of the findings in view, with their counts: most frequent first. */
function causeOptions(list: readonly TabFinding[]): CauseOption[] {
  const byCause = new Map<string, CauseOption>();
  for (const f of list) {
    const c = byCause.get(f.cause);
    if (c) c.count++;
    else byCause.set(f.cause, { cause: f.cause, count: 1 });
  }
  return [...byCause.values()].sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
}

/** One row per finding, or (grouped) per endpoint and cause, led by its newest finding. */
function rowsOf(list: readonly TabFinding[], grouped: boolean): Row[] {
  if (!grouped) return list.map((f) => ({ key: f.id, finding: f, count: 1 }));
  // The list is newest first, so the first finding of a group is its newest: it leads the row.
  const groups = new Map<string, Row>();
  for (const f of list) {
    const key = groupKey(f);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { key, finding: f, count: 1 });
  }
  return [...groups.values()];
}

/** "Same endpoint, same cause": rule + cause, stage, method and host + path (the query is ignored). */
export function groupKey(f: TabFinding): string {
  // Cached per finding (findings never change): parsing 10,000 URLs on every keystroke is most of the cost.
  let key = groupKeys.get(f);
  if (key === undefined) {
    key = `g\u0000${f.rule}\u0000${f.cause}\u0000${f.stage}\u0000${f.method}\u0000${endpointOf(f.url)}`;
    groupKeys.set(f, key);
  }
  return key;
}
const groupKeys = new WeakMap<TabFinding, string>();

const newestFirst = (a: TabFinding, b: TabFinding) => b.time - a.time;

/** Every message from the worker goes through here. Messages for another tab are ignored. */
export function applyMessage(store: PanelStore, msg: ToPanel): void {
  if (store.tabId.value !== null && msg.tabId !== store.tabId.value) return;
  switch (msg.type) {
    case 'snapshot':
      // A snapshot replaces everything: after a worker restart it is the truth.
      store.findings.value = [...msg.findings].sort(newestFirst);
      store.dropped.value = msg.dropped;
      store.preserveLog.value = msg.preserveLog;
      store.unhooked.value = msg.unhooked === true;
      store.unwatched.value = msg.unwatched ?? null;
      store.loaded.value = true;
      break;
    case 'added': {
      // The worker's budget dropped its oldest findings: drop ours too (the list is newest first).
      const kept = msg.removed ? store.findings.value.slice(0, Math.max(0, store.findings.value.length - msg.removed)) : store.findings.value;
      const known = new Set(kept.map((f) => f.id));
      const fresh = msg.findings.filter((f) => !known.has(f.id)).sort(newestFirst);
      if (fresh.length || kept !== store.findings.value) store.findings.value = fresh.length ? mergeNewestFirst(fresh, kept) : kept;
      store.dropped.value = msg.dropped;
      break;
    }
    case 'cleared':
      store.findings.value = [];
      store.dropped.value = 0;
      store.unwatched.value = null;
      store.selectedKey.value = null;
      break;
    case 'trial':
      store.trial.value = msg.trial;
      break;
  }
}

function mergeNewestFirst(fresh: TabFinding[], old: TabFinding[]): TabFinding[] {
  // Usual case: everything new is newer than what we have.
  if (!old.length || fresh[fresh.length - 1]!.time >= old[0]!.time) return [...fresh, ...old];
  return [...fresh, ...old].sort(newestFirst);
}

/** Moves the selection by `delta` rows (clamped); selects the first row when nothing is selected. */
export function moveSelection(store: PanelStore, delta: number): void {
  const rows = store.rows.value;
  if (!rows.length) return;
  const at = rows.findIndex((r) => r.key === store.selectedKey.value);
  const next = at < 0 ? (delta < 0 ? rows.length - 1 : 0) : Math.min(rows.length - 1, Math.max(0, at + delta));
  store.selectedKey.value = rows[next]!.key;
}

/** Switches grouped/flat and keeps the same finding selected (its group, or itself). */
export function setGrouped(store: PanelStore, on: boolean): void {
  const current = store.selected.value?.finding;
  store.grouped.value = on;
  if (!current) return;
  store.selectedKey.value = on ? groupKey(current) : current.id;
}
