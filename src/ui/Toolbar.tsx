// DevTools-style toolbar: Clear, Preserve log, filter, cause filter, grouping, export, and the
// errors/warnings switch (warnings are never mixed with failures).
import type { Ref } from 'preact';
import { setGrouped, type PanelStore, type View } from './store';

export interface ToolbarProps {
  store: PanelStore;
  filterRef: Ref<HTMLInputElement>;
  onClear(): void;
  onPreserveLog(on: boolean): void;
  onExport(kind: 'json' | 'markdown'): void;
}

export function Toolbar({ store, filterRef, onClear, onPreserveLog, onExport }: ToolbarProps) {
  return (
    <div class="toolbar" role="toolbar" aria-label="CORS findings toolbar">
      <button type="button" class="icon" aria-label="Clear" title="Clear" data-testid="clear" onClick={onClear}>
        ⊘
      </button>
      <label class="check" title="Keep findings across page loads">
        <input type="checkbox" checked={store.preserveLog.value} data-testid="preserve-log" onChange={(e) => onPreserveLog(e.currentTarget.checked)} />
        Preserve log
      </label>
      <span class="divider" />
      <input
        ref={filterRef}
        type="search"
        class="filter"
        placeholder="Filter (URL, header, cause)"
        aria-label="Filter by URL, header or cause"
        data-testid="filter"
        value={store.filterText.value}
        onInput={(e) => (store.filterText.value = e.currentTarget.value)}
      />
      <select aria-label="Cause" data-testid="cause-filter" value={store.causeFilter.value} onChange={(e) => (store.causeFilter.value = e.currentTarget.value)}>
        <option value="">All causes</option>
        {store.causes.value.map((c) => (
          <option key={c.cause} value={c.cause}>
            {c.cause} ({c.count})
          </option>
        ))}
      </select>
      <label class="check" title="Group same endpoint, same cause">
        <input type="checkbox" checked={store.grouped.value} data-testid="group-toggle" onChange={(e) => setGrouped(store, e.currentTarget.checked)} />
        Group similar
      </label>
      <span class="divider" />
      <ViewTabs store={store} />
      <span class="spacer" />
      <button
        type="button"
        data-testid="export-json"
        aria-label="Export JSON"
        title="Download the findings as JSON (redacted)"
        onClick={() => onExport('json')}
      >
        ⤓ JSON
      </button>
      <button
        type="button"
        data-testid="export-markdown"
        aria-label="Export Markdown"
        title="Download a Markdown report (redacted)"
        onClick={() => onExport('markdown')}
      >
        ⤓ Markdown
      </button>
    </div>
  );
}

/** Failures, warnings and cookies are three lists, never mixed: one tab each, with its count. */
function ViewTabs({ store }: { store: PanelStore }) {
  const errors = store.errors.value.length;
  const warnings = store.warnings.value.length;
  const cookies = store.cookies.value.length;
  const view = store.view.value;
  return (
    <div class="tabs" role="tablist" aria-label="Severity">
      <button type="button" role="tab" aria-selected={view === 'errors'} data-testid="view-errors" onClick={() => switchView(store, 'errors')}>
        Failures <span class="count">{errors}</span>
      </button>
      <button type="button" role="tab" aria-selected={view === 'warnings'} data-testid="view-warnings" onClick={() => switchView(store, 'warnings')}>
        Warnings <span class="count">{warnings}</span>
      </button>
      <button
        type="button"
        role="tab"
        aria-selected={view === 'cookies'}
        data-testid="view-cookies"
        title="Cookies refused or not sent, HTTP auth challenges, client certificates: not CORS blocks"
        onClick={() => switchView(store, 'cookies')}
      >
        Cookies <span class="count">{cookies}</span>
      </button>
    </div>
  );
}

function switchView(store: PanelStore, view: View): void {
  if (store.view.value === view) return;
  store.view.value = view;
  store.causeFilter.value = '';
  store.selectedKey.value = null;
}
