// What the panel watches, and how to see a failure.
import type { PanelStore } from './store';

export function EmptyState({ store }: { store: PanelStore }) {
  const view = store.view.value;
  const total = view === 'errors' ? store.errors.value.length : view === 'cookies' ? store.cookies.value.length : store.warnings.value.length;
  if (total > 0) {
    return (
      <div class="empty" data-testid="empty-state">
        <p>No {view === 'errors' ? 'failures' : view === 'cookies' ? 'cookie findings' : 'warnings'} match the filter.</p>
        <button
          type="button"
          onClick={() => {
            store.filterText.value = '';
            store.causeFilter.value = '';
          }}
        >
          Clear filter
        </button>
      </div>
    );
  }
  if (view === 'cookies') {
    return (
      <div class="empty" data-testid="empty-state">
        <h2>No cookie or credential findings on this tab</h2>
        <p>
          For every credentialed cross-origin request, the extension checks which cookies went out (names only), which <code>Set-Cookie</code> the browser did
          not store, and which cookies of the jar it held back, and why (SameSite, Secure, third-party cookie blocking, Partitioned, Path, Domain, prefixes). A
          401 with <code>WWW-Authenticate</code> and client-certificate errors are listed here too. Values are never read.
        </p>
      </div>
    );
  }
  return (
    <div class="empty" data-testid="empty-state">
      <h2>{store.view.value === 'errors' ? 'No blocked credentialed requests on this tab' : 'No warnings on this tab'}</h2>
      <p>
        Watching every cross-origin <code>fetch()</code> and <code>XMLHttpRequest</code> that carries credentials (cookies, <code>credentials: 'include'</code>,{' '}
        <code>withCredentials</code>) on this tab. When the browser blocks one, it appears here with the console sentence and the server headers that fix it.
      </p>
      {!store.loaded.value && <p class="note">Connecting to the extension…</p>}
      <p>
        Use the page as usual (log in, load the data that fails), or reload it: a blocked request shows up here as it happens. Requests made before DevTools
        opened are listed too.
      </p>
    </div>
  );
}
