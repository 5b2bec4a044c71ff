// "Try fix": the browser applies a blocked request's whole plan to this tab's requests to that URL
// (the worker's session rules, extension/background/trials.ts), the request goes again, and the
// panel shows before and after side by side. The panel only asks and shows: what the trial did
// comes from the worker, which reads it from the browser.
import { useState } from 'preact/hooks';
import type { TabFinding, TrialOutcome, TryFixRequest, TrialState } from '../messages';
import { endpointOf, formatTime, stepsOf } from './format';
import { Text } from './Text';

/** Sends a `cors/try-fix` message to the worker and returns its answer. */
export type TryFixSend = (msg: TryFixRequest) => Promise<unknown>;

const errorOf = (reply: unknown): string | undefined =>
  typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true ? undefined : errorText((reply as { error?: unknown } | null)?.error);

/** Sends one request to the worker at a time; its error, if it answers with one. */
export function useAsk(send: TryFixSend) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const ask = async (msg: TryFixRequest) => {
    setBusy(true);
    setError(undefined);
    try {
      setError(errorOf(await send(msg)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, ask };
}

export function TrialBox({ f, trial, send }: { f: TabFinding; trial: TrialState | null; send: TryFixSend }) {
  const { busy, error, ask } = useAsk(send);
  const mine = trial !== null && trial.requestId === f.requestId;
  const statusSteps = stepsOf(f).filter((s) => s.status);
  if (!mine) {
    return (
      <div class="trial" data-testid="trial">
        <button type="button" data-testid="try-fix" disabled={busy} onClick={() => void ask({ type: 'cors/try-fix', tabId: f.tabId, requestId: f.requestId })}>
          {trial ? 'Try this fix instead' : 'Try fix'}
        </button>{' '}
        <span class="note">
          Makes this browser apply these lines to this tab's requests to <Text value={endpointOf(f.record.hops[0]?.url ?? f.url)} limit={300} /> for 10 minutes.
          Your server is not changed.
          {statusSteps.length > 0 && ' An extension cannot change a status code: only the headers are tried, the status is the server\u2019s part.'}
        </span>
        <TrialError error={error} />
      </div>
    );
  }
  return (
    <div class="trial on" data-testid="trial">
      <TrialHead trial={trial} busy={busy} ask={ask} resendLabel={trial.replayable ? `Re-send the ${trial.method}` : 'Reload the page'} />
      {!trial.replayable && <p class="note">A {trial.method} is not sent again on its own: reload, or repeat the action in the page.</p>}
      <div class="trial-compare" data-testid="trial-compare">
        <div>
          <h3>Before</h3>
          <p class="console-msg is-error">
            <Text value={trial.before} limit={4096} />
          </p>
        </div>
        <div>
          <h3>With the fix</h3>
          <After o={trial.outcome} />
        </div>
      </div>
      <TrialError error={error} />
    </div>
  );
}

/** A running trial's first lines: until when, how many rules, re-send or reload, Stop; then what it cannot try. */
export function TrialHead({
  trial,
  busy,
  ask,
  resendLabel,
}: {
  trial: TrialState;
  busy: boolean;
  ask: (m: TryFixRequest) => Promise<void>;
  resendLabel: string;
}) {
  return (
    <>
      <p class="trial-head">
        <strong>Trying this fix</strong> in this tab until {formatTime(trial.expires)} ({trial.rules} rule{trial.rules === 1 ? '' : 's'}).{' '}
        <button type="button" data-testid="trial-resend" disabled={busy} onClick={() => void ask({ type: 'cors/try-fix', tabId: trial.tabId, resend: true })}>
          {resendLabel}
        </button>{' '}
        <button type="button" data-testid="trial-stop" disabled={busy} onClick={() => void ask({ type: 'cors/try-fix', tabId: trial.tabId, off: true })}>
          Stop
        </button>
      </p>
      {trial.untried.map((u, i) => (
        <p class="note" key={i} data-testid="trial-untried">
          <Text value={u} limit={500} />
        </p>
      ))}
    </>
  );
}

export function TrialError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="trial-error" role="alert">
      <Text value={error} limit={500} />
    </p>
  );
}

/** What the browser did with the request under the trial: accepted, or the sentence for what is left. */
export function After({ o }: { o: TrialOutcome | undefined }) {
  if (!o)
    return (
      <p class="note" data-testid="trial-after">
        Not sent again yet.
      </p>
    );
  // Firefox does not tell an extension when it blocks a response (the request ends as if it had
  // worked): then the verdict is read from the headers, and said to be.
  const unsure = !o.confirmed && (
    <p class="note" data-testid="trial-unconfirmed">
      Read from the headers Firefox showed the extension, not confirmed by the browser: Re-send from here, or check the console.
    </p>
  );
  if (o.accepted)
    return (
      <div data-testid="trial-after">
        <p class="trial-accepted">
          {o.confirmed ? 'accepted: the browser let the page read the response' : 'accepted, by the headers'} ({formatTime(o.time)})
        </p>
        {unsure}
      </div>
    );
  return (
    <div data-testid="trial-after">
      <p class="console-msg is-error">
        <Text value={o.message ?? 'blocked'} limit={4096} />
      </p>
      {unsure}
      {o.statusOnly && (
        <p class="note">Only the status is left: that is the server's part (answer the OPTIONS request with 204 before authentication or routing).</p>
      )}
    </div>
  );
}

/** Above everything while a trial runs: what, where, and Stop. */
export function TrialBanner({ trial, send }: { trial: TrialState | null; send?: TryFixSend }) {
  const { busy, ask } = useAsk(send ?? (async () => ({ ok: true })));
  if (!trial || !send) return null;
  return (
    <div class="trial-banner" role="status" data-testid="trial-banner">
      Trying fix for <Text value={trial.url.replace(/^[a-z]+:\/\//, '')} limit={300} /> - this tab only - until {formatTime(trial.expires)}{' '}
      <button type="button" data-testid="trial-banner-stop" disabled={busy} onClick={() => void ask({ type: 'cors/try-fix', tabId: trial.tabId, off: true })}>
        Stop
      </button>
    </div>
  );
}

/** The worker's error, as text (it sends a string; anything else is no answer we can show). */
function errorText(error: unknown): string {
  return typeof error === 'string' ? error : 'no answer from the extension';
}
