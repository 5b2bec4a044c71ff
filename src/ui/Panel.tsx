// The "CORS" panel. Renders in DevTools, in a plain page and in tests: everything that touches the
// outside world (channel, clipboard, prefs, downloads) comes in as props; the clear and preserve-log
// commands go out on the channel, like the subscription.
import type { RefObject } from 'preact';
import { useMemo, useRef } from 'preact/hooks';
import { clearTab, setPreserveLog, type PanelChannel } from './connect';
import { copyText, type CopyText } from './copy-text';
import { redactText } from './format';
import { Detail } from './Detail';
import { EmptyState } from './EmptyState';
import { ExplainBox } from './ExplainBox';
import { FindingList } from './FindingList';
import type { Download } from './report';
import { reportCode } from './lazy';
import { moveSelection, type PanelStore } from './store';
import { STACK_PREF, type Prefs, type StackChoice } from './stacks';
import { usePanelStore } from './use-panel-store';
import { UnwatchedBanner } from './UnwatchedBanner';
import { AccessBanner, type HostAccess } from './AccessBanner';
import { Toolbar } from './Toolbar';
import { TrialBanner, TrialBox, type TryFixSend } from './TrialBox';
import type { TabFinding } from '../messages';
import { ServerFixes, useServerFixes } from './ServerFixes';
import { serversToShow } from './server-fixes';
import type { ServerFix } from '../core/fix/server';

export type Theme = 'light' | 'dark';

export interface PanelProps {
  channel: PanelChannel;
  tabId: number;
  prefs: Prefs;
  copy?: CopyText;
  download?: Download;
  theme?: Theme;
  /** Pass one in to read state from outside (tests, bench); otherwise the panel makes its own. */
  store?: PanelStore;
  /** The extension's host access (withheld: a banner offers the grant). Absent: no banner. */
  access?: HostAccess;
  /** Sends `cors/try-fix` to the worker. Absent (tests, a plain page): no "Try fix". */
  tryFix?: TryFixSend;
}

/** Every key the panel knows, wrapped rather than cut. */
export const KEYS: ReadonlyArray<[string, string]> = [
  ['↑/↓', 'select'],
  ['Enter', 'open'],
  ['→', 'into the detail'],
  ['←', 'back to the list'],
  ['Esc', 'close'],
  ['c', 'copy fix'],
  ['Ctrl+F or /', 'filter'],
];

function KeyHint() {
  return (
    <span class="key-hint" data-testid="key-hint">
      {KEYS.map(([k, what]) => (
        <span key={k} class="key">
          <kbd>{k}</kbd> {what}
        </span>
      ))}
    </span>
  );
}

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

/** Every finding of the tab, as JSON or as a Markdown report with the per-server fixes (./report.ts, loaded on the first export). */
async function exportFindings(kind: 'json' | 'markdown', store: PanelStore, servers: readonly ServerFix[], download?: Download): Promise<void> {
  const all = store.findings.value;
  const stack = store.stack.value;
  const { downloadText, exportJson, markdownReport } = await reportCode.load();
  const save = download ?? downloadText;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (kind === 'json') save(`cors-findings-${stamp}.json`, exportJson(all), 'application/json');
  else save(`cors-report-${stamp}.md`, markdownReport(all, stack, Date.now(), servers), 'text/markdown');
}

/** The fix's form, remembered for the next panel. */
function chooseStack(store: PanelStore, prefs: Prefs, s: StackChoice): void {
  store.stack.value = s;
  prefs.set(STACK_PREF, s);
}

/** Opens the selected row's detail (the first row's when none is); `focus` moves focus into it. */
function openDetail(store: PanelStore, body: RefObject<HTMLDivElement | null>, focus: boolean): void {
  if (!store.selected.value) moveSelection(store, 1);
  store.detailOpen.value = true;
  // The detail renders on this signal change; focus it once it is there.
  if (focus) requestAnimationFrame(() => body.current?.focus());
}

/** The list's keys: move the selection, open the detail (→ also moves focus into it). */
function onListKey(e: KeyboardEvent, store: PanelStore, openDetail: (focus: boolean) => void): void {
  const page = 10;
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
  const delta = moves[e.key];
  if (delta !== undefined) {
    e.preventDefault();
    if (Math.abs(delta) === Infinity) {
      const r = store.rows.value;
      if (r.length) store.selectedKey.value = r[delta > 0 ? r.length - 1 : 0]!.key;
    } else moveSelection(store, delta);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    openDetail(false);
  } else if (e.key === 'ArrowRight' && store.rows.value.length) {
    e.preventDefault();
    openDetail(true);
  }
}

interface PanelKeyTargets {
  store: PanelStore;
  filter: HTMLInputElement | null;
  detailBody: HTMLDivElement | null;
  list(): HTMLElement | null | undefined;
  /** "Copy fix" of the open detail; null when no detail is shown. */
  copyFix: (() => void) | null;
}

/** The panel's keys: Esc closes the detail, ← goes back to the list, Ctrl+F or / filters, c copies the fix. */
function onPanelKey(e: KeyboardEvent, t: PanelKeyTargets): void {
  const inDetail = e.target instanceof Node && !!t.detailBody?.closest('.detail')?.contains(e.target);
  if (e.key === 'Escape') {
    if (typing(e.target) && e.target === t.filter && t.store.filterText.value) return;
    // Close the detail, keep the selection: the next Enter opens the same row again.
    t.store.detailOpen.value = false;
    t.list()?.focus();
  } else if (e.key === 'ArrowLeft' && inDetail && !typing(e.target)) {
    e.preventDefault();
    t.list()?.focus();
  } else if ((e.key === 'f' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing(e.target))) {
    e.preventDefault();
    t.filter?.focus();
  } else if (((e.key === 'c' && !e.ctrlKey && !e.metaKey && !e.altKey) || (e.key === 'C' && e.ctrlKey && e.shiftKey)) && !typing(e.target)) {
    if (t.copyFix) {
      e.preventDefault();
      t.copyFix();
    }
  }
}

/** The trial under way, withheld host access, a page the hook missed: one line each. */
function Banners({ store, tryFix, access }: { store: PanelStore } & Pick<PanelProps, 'tryFix' | 'access'>) {
  return (
    <>
      <TrialBanner trial={store.trial.value} send={tryFix} />
      <AccessBanner access={access} />
      {store.unhooked.value && (
        <div class="access-banner" role="status" data-testid="unhooked">
          Credentials mode unknown on requests without cookies: reload the page.
        </div>
      )}
      <UnwatchedBanner unwatched={store.unwatched.value} />
    </>
  );
}

/** The rows (or what the empty log means) and the counts under them. */
function ListPane({ store, onKeyDown }: { store: PanelStore; onKeyDown(e: KeyboardEvent): void }) {
  return (
    <div class="list-pane">
      {store.rows.value.length ? (
        <FindingList store={store} onKeyDown={onKeyDown} label={store.view.value === 'errors' ? 'Blocked credentialed requests' : 'Warnings'} />
      ) : (
        <EmptyState store={store} />
      )}
      <StatusBar store={store} />
    </div>
  );
}

function StatusBar({ store }: { store: PanelStore }) {
  const rows = store.rows.value;
  return (
    <div class="status-bar" data-testid="status-bar">
      <span>
        {rows.length} {store.grouped.value ? 'rows' : 'requests'} shown · {store.errors.value.length} failures · {store.warnings.value.length} warnings ·{' '}
        {store.cookies.value.length} cookies
        {store.dropped.value > 0 && <> · {store.dropped.value} older dropped</>}
      </span>
      <KeyHint />
    </div>
  );
}

/** One merged cure per API the tab talked to, asked of the worker as findings change. */
function useShownServers(props: PanelProps, findings: TabFinding[]) {
  const allServers = useServerFixes(props.channel, props.tabId);
  return useMemo(() => serversToShow(allServers, findings), [allServers, findings]);
}

export function Panel(props: PanelProps) {
  const store = usePanelStore(props);
  // Every copy leaves redacted, whatever the caller built (src/core/secrets.ts).
  const copy = (t: string) => (props.copy ?? copyText)(redactText(t));
  const filterRef = useRef<HTMLInputElement>(null);
  const copyFixRef = useRef<(() => void) | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const detailBodyRef = useRef<HTMLDivElement>(null);
  const selected = store.selected.value;
  const servers = useShownServers(props, store.findings.value);
  const setStack = (s: StackChoice) => chooseStack(store, props.prefs, s);
  const onExport = (kind: 'json' | 'markdown') => void exportFindings(kind, store, servers, props.download);
  const listEl = () => rootRef.current?.querySelector<HTMLElement>('[role=listbox]');
  const listKeys = (e: KeyboardEvent) => onListKey(e, store, (focus) => openDetail(store, detailBodyRef, focus));
  const panelKeys = (e: KeyboardEvent) =>
    onPanelKey(e, { store, filter: filterRef.current, detailBody: detailBodyRef.current, list: listEl, copyFix: showDetail ? copyFixRef.current : null });
  const showDetail = !!selected && store.detailOpen.value;
  const trial = props.tryFix ? { render: (f: TabFinding) => <TrialBox f={f} trial={store.trial.value} send={props.tryFix!} /> } : undefined;

  return (
    <div class="cors-panel" data-theme={props.theme ?? 'light'} onKeyDown={panelKeys} ref={rootRef}>
      <Toolbar
        store={store}
        filterRef={filterRef}
        onClear={() => clearTab(store, props.channel, props.tabId)}
        onPreserveLog={(on) => setPreserveLog(store, props.channel, props.tabId, on)}
        onExport={onExport}
      />
      <Banners store={store} tryFix={props.tryFix} access={props.access} />
      <ExplainBox stack={store.stack.value === 'headers' ? undefined : store.stack.value} />
      <ServerFixes
        servers={servers}
        stack={store.stack.value}
        copy={copy}
        trying={props.tryFix && { tabId: props.tabId, trial: store.trial.value, send: props.tryFix }}
      />
      <div class={`main${showDetail ? ' with-detail' : ''}`}>
        <ListPane store={store} onKeyDown={listKeys} />
        {showDetail && selected && (
          <Detail
            row={selected}
            servers={servers}
            stack={store.stack.value}
            onStack={setStack}
            copy={copy}
            copyRef={copyFixRef}
            bodyRef={detailBodyRef}
            trial={trial}
            onClose={() => {
              store.detailOpen.value = false;
              listEl()?.focus();
            }}
          />
        )}
      </div>
    </div>
  );
}
