// One row of the list at DevTools density: method, host + path, stage, cause + status, credentials, time.
import type { TabFinding } from '../messages';
import type { Row } from './store';
import { causeWords, credentialMarker, credentialsLabel, formatTime, readableUrl } from './format';
import { Text } from './Text';

export const ROW_HEIGHT = 22;

export function FindingRow({
  row,
  index,
  total,
  selected,
  top,
  onSelect,
}: {
  row: Row;
  index: number;
  total: number;
  selected: boolean;
  top: number;
  onSelect(key: string): void;
}) {
  const f = row.finding;
  const { host, path } = readableUrl(f.url, false);
  return (
    <div
      role="option"
      id={`row-${index}`}
      aria-selected={selected}
      aria-setsize={total}
      aria-posinset={index + 1}
      class={`row${selected ? ' selected' : ''}${f.kind === 'cookie' ? ' cookie' : f.severity === 'error' ? '' : ' warning'}`}
      style={{ top: `${top}px` }}
      data-testid="finding-row"
      data-key={row.key}
      onMouseDown={(e) => {
        e.preventDefault(); // keep focus on the listbox
        onSelect(row.key);
      }}
    >
      <span class="c-count" title={row.count > 1 ? `${row.count} requests: same endpoint, same cause` : undefined}>
        {row.count > 1 ? `×${row.count}` : ''}
      </span>
      <span class="c-method">{f.method}</span>
      {/* Path first (what tells an app's calls apart), then the host; the query is in the title and the detail. */}
      <span class="c-url" title={f.url}>
        <span class="path">
          <Text value={path} limit={300} />
        </span>{' '}
        <span class="host">
          <Text value={host} limit={200} />
        </span>
      </span>
      <RowStage f={f} />
      <RowCause f={f} />
      <RowCredentials f={f} />
      <span class="c-time">{formatTime(f.time)}</span>
    </div>
  );
}

/** The stage that failed; a cookie finding's own marker instead. */
function RowStage({ f }: { f: TabFinding }) {
  const preflight = f.stage === 'preflight';
  return (
    <>
      {/* The row is the actual request; "↳ preflight" says its OPTIONS preflight is what failed. */}
      {f.kind === 'cookie' ? (
        // The Cookies group's own marker: which credential, and that it is not a CORS block.
        <span class="c-stage stage-cookie" data-testid="row-stage" title="A credential that never left: not a CORS block">
          {credentialMarker(f)}
        </span>
      ) : (
        <span
          class={`c-stage stage-${f.stage}`}
          data-testid="row-stage"
          title={preflight ? `The OPTIONS preflight of this ${f.method} failed, so the ${f.method} itself was never sent` : undefined}
        >
          {preflight ? '↳ preflight' : f.stage}
        </span>
      )}
    </>
  );
}

function RowCause({ f }: { f: TabFinding }) {
  const cause = causeWords(f);
  // The cause in searchable words; the shorthand (ACAO, …) spelled out on hover. Errors and warnings differ in mark and colour.
  return (
    <span class="c-cause" title={cause.title} data-testid="row-cause">
      <span
        class={`sev ${f.kind === 'cookie' ? 'sev-cookie' : f.severity === 'error' ? 'sev-error' : 'sev-warning'}`}
        aria-label={f.severity === 'error' ? 'blocked' : 'warning'}
      >
        {f.kind === 'cookie' ? '◆' : f.severity === 'error' ? '✖' : '▲'}
      </span>{' '}
      <Text value={cause.text} limit={200} />
      {f.status !== undefined && !cause.text.includes(String(f.status)) && <span class="status-code"> {f.status}</span>}
    </span>
  );
}

/** The credentials mode, and whether a worker of the page made the request. */
function RowCredentials({ f }: { f: TabFinding }) {
  return (
    <span class="c-cred">
      {credentialsLabel(f)}
      {f.fromWorker && (
        <span
          class="from-worker"
          data-testid="from-worker"
          title="Made by the page's service worker (or a shared worker: the browser tells the extension neither's tab, so it is matched by origin)"
        >
          {' '}
          · from service worker
        </span>
      )}
    </span>
  );
}
