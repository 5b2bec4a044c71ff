// The toolbar popup: a compact list of this tab's failures, each with its cause and "Copy fix".
import { useState } from 'preact/hooks';
import { copyText, type CopyText } from './copy-text';
import { CopyStatus, useCopy } from './CopyButton';
import type { PanelChannel } from './connect';
import { causeWords, credentialMarker, endpointOf, redactText } from './format';
import { usePanelStore } from './use-panel-store';
import { fixTextWith } from './fix-text';
import { LOADING, snippetsCode, useLazy } from './lazy';
import type { Row, PanelStore } from './store';
import type { Prefs, StackChoice } from './stacks';
import { stackLabel } from './stacks';
import { Text } from './Text';
import { AccessBanner, type HostAccess } from './AccessBanner';

export interface PopupProps {
  channel: PanelChannel;
  tabId: number;
  prefs: Prefs;
  copy?: CopyText;
  theme?: 'light' | 'dark';
  store?: PanelStore;
  /** The extension's host access (withheld: a banner offers the grant). Absent: no banner. */
  access?: HostAccess;
  /** The pause switch: watching on/off, remembered by the caller. Absent: no switch shown. */
  watching?: { on: boolean; set(on: boolean): void };
  /** Whether the toolbar button is pinned, and in which browser (its words for pinning). Absent: unknown, Chrome's words. */
  pin?: { pinned: boolean; firefox: boolean };
}

const SHOWN = 50;

export function Popup(props: PopupProps) {
  const store = usePanelStore(props);
  // Every copy leaves redacted, whatever the caller built (src/core/secrets.ts).
  const copy = (t: string) => (props.copy ?? copyText)(redactText(t));
  const rows = store.rows.value;
  const errors = store.errors.value.length;
  // Cookie findings are not CORS blocks: their own short list under the failures.
  const cookies = store.cookies.value;
  return (
    <div class="cors-popup" data-theme={props.theme ?? 'light'}>
      <header class="popup-head">
        <strong>CORS Credentials Inspector</strong>
        <span class="count" data-testid="popup-count">
          {errors} blocked
        </span>
        {props.watching && <WatchingSwitch {...props.watching} />}
      </header>
      <AccessBanner access={props.access} />
      {rows.length === 0 ? (
        <p class="empty" data-testid="empty-state">
          {store.loaded.value ? 'No blocked credentialed requests on this tab.' : 'Connecting…'} Cross-origin fetch/XHR with credentials are watched.
        </p>
      ) : (
        <ul class="popup-list" aria-label="Blocked credentialed requests">
          {rows.slice(0, SHOWN).map((r) => (
            <PopupItem key={r.key} row={r} stack={store.stack.value} copy={copy} />
          ))}
        </ul>
      )}
      {rows.length > SHOWN && <p class="note">{rows.length - SHOWN} more in the DevTools panel.</p>}
      {cookies.length > 0 && (
        <section data-testid="popup-cookies">
          <h2 class="popup-sub">Cookies and other credentials ({cookies.length})</h2>
          <ul class="popup-list" aria-label="Cookies refused or not sent">
            {cookies.slice(0, 10).map((f) => (
              <li key={f.id} class="popup-item cookie" data-testid="popup-cookie-row">
                <div class="popup-line">
                  <span class="c-stage stage-cookie">{credentialMarker(f)}</span>
                  <span class="c-cause">
                    <Text value={f.cause} limit={200} />
                  </span>
                </div>
                <div class="popup-line muted">
                  <Text value={endpointOf(f.url)} limit={200} />
                </div>
              </li>
            ))}
          </ul>
          {cookies.length > 10 && <p class="note">{cookies.length - 10} more in the DevTools panel (Cookies).</p>}
        </section>
      )}
      <footer class="popup-foot">
        <span data-testid="where-panel">
          For details, open DevTools (F12 or Ctrl+Shift+I) → <strong>CORS</strong> panel (behind <strong>»</strong> when DevTools is narrow).
        </span>
        {!props.pin?.pinned && <PinHint firefox={props.pin?.firefox === true} />}
      </footer>
    </div>
  );
}

/** How to keep the badge in sight, in the browser's own menu words (README, "Install it"). */
function PinHint({ firefox }: { firefox: boolean }) {
  return (
    <span data-testid="pin-hint">
      <br />
      Keep the badge in sight: pin this extension.{' '}
      {firefox ? (
        <>
          Toolbar's puzzle-piece <strong>Extensions</strong> button → gear beside <em>CORS Credentials Inspector</em> → <strong>Pin to Toolbar</strong>.
        </>
      ) : (
        <>
          Toolbar's puzzle-piece <strong>Extensions</strong> button → the pin beside <em>CORS Credentials Inspector</em>.
        </>
      )}
    </span>
  );
}

/** Watching on/off: off removes every listener and page script, so the extension costs nothing. */
function WatchingSwitch({ on, set }: { on: boolean; set(on: boolean): void }) {
  const [checked, setChecked] = useState(on);
  return (
    <label class="watching" title={checked ? 'Uncheck to pause: no listener, no page script' : 'Paused: check to watch requests again'}>
      <input
        type="checkbox"
        data-testid="watching"
        checked={checked}
        onChange={(e) => {
          const next = (e.target as HTMLInputElement).checked;
          setChecked(next);
          set(next);
        }}
      />{' '}
      {checked ? 'Watching' : 'Paused'}
    </label>
  );
}

function PopupItem({ row, stack, copy }: { row: Row; stack: StackChoice; copy: CopyText }) {
  const f = row.finding;
  const c = useCopy(copy);
  const [open, setOpen] = useState(false);
  const text = fixTextWith(useLazy(snippetsCode, stack !== 'headers')?.renderSnippet, f, stack);
  return (
    <li class="popup-item" data-testid="popup-row">
      <div class="popup-line">
        <span class="c-method">{f.method}</span>
        <span class="c-url" title={f.url}>
          <Text value={endpointOf(f.url)} limit={200} />
        </span>
        {row.count > 1 && <span class="c-count">×{row.count}</span>}
      </div>
      <div class="popup-line">
        <span class={`c-stage stage-${f.stage}`}>{f.stage === 'preflight' ? `preflight of ${f.method}` : f.stage}</span>
        <span class="c-cause" title={causeWords(f).title}>
          <Text value={causeWords(f).text} limit={200} />
          {f.status !== undefined && !causeWords(f).text.includes(String(f.status)) && <span class="status-code"> {f.status}</span>}
          {!f.credentialed && (
            <span class="muted" data-testid="no-credentials">
              {' '}
              · no credentials
            </span>
          )}
        </span>
        <button
          type="button"
          class="primary"
          data-testid="copy-fix"
          title={`Copy fix (${stackLabel(stack)})`}
          disabled={text === undefined}
          onClick={() => text !== undefined && void c.run(text, () => setOpen(true))}
        >
          Copy fix
        </button>
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'hide' : 'show'}
        </button>
      </div>
      <CopyStatus outcome={c.outcome} />
      {open && (
        <pre class="fix" data-testid="fix-text">
          <Text value={text ?? LOADING} limit={4096} />
        </pre>
      )}
    </li>
  );
}
