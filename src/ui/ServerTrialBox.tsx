// "Try fix" on one server's merged fix: the worker applies, for every request of this tab the fix
// covers, the lines that server would send it (extension/background/server-trial.ts), and the
// panel shows each request's before and after side by side. As in TrialBox, the panel only asks
// and shows: every "after" is what the worker read from the browser.
import type { ServerFix } from '../core/fix/server';
import type { CoveredRequest, TrialState } from '../messages';
import { endpointOf } from './format';
import { serverName } from './server-fixes';
import { Text } from './Text';
import { After, TrialError, TrialHead, useAsk, type TryFixSend } from './TrialBox';

export function ServerTrialBox({ server, tabId, trial, send }: { server: ServerFix; tabId: number; trial: TrialState | null; send: TryFixSend }) {
  const { busy, error, ask } = useAsk(send);
  const name = serverName(server.origin);
  const statusSteps = server.fix.steps.filter((s) => s.status);
  if (trial?.server !== server.origin || !trial.covered) {
    return (
      <div class="trial" data-testid="server-trial">
        <button type="button" data-testid="try-server-fix" disabled={busy} onClick={() => void ask({ type: 'cors/try-fix', tabId, server: server.origin })}>
          {trial ? `Try the fix for ${name} instead` : `Try fix for ${name}`}
        </button>{' '}
        <span class="note">
          Makes this browser apply these lines to this tab's requests to {name} that the fix covers, for 10 minutes. Your server is not changed.
          {statusSteps.length > 0 && ' An extension cannot change a status code: only the headers are tried, the status is the server\u2019s part.'}
        </span>
        <TrialError error={error} />
      </div>
    );
  }
  const safe = trial.replayable;
  return (
    <div class="trial on" data-testid="server-trial">
      <TrialHead trial={trial} busy={busy} ask={ask} resendLabel={safe ? `Re-send the ${trial.covered.length} requests` : 'Reload the page'} />
      {!safe && <p class="note">Requests other than GET and HEAD are not sent again on their own: reload, or repeat the actions in the page.</p>}
      <table class="trial-covered" data-testid="trial-covered">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Before</th>
            <th scope="col">With the fix</th>
          </tr>
        </thead>
        <tbody>
          {trial.covered.map((c) => (
            <CoveredRow key={`${c.method} ${c.url}`} c={c} />
          ))}
        </tbody>
      </table>
      <TrialError error={error} />
    </div>
  );
}

function CoveredRow({ c }: { c: CoveredRequest }) {
  return (
    <tr data-testid="trial-covered-row" data-url={c.url} data-method={c.method}>
      <td>
        <Text value={`${c.method} ${endpointOf(c.url)}`} limit={300} />
        {c.needsStatus && <p class="note">Its fix changes a status: the server's part, not tried.</p>}
      </td>
      <td>
        {c.before === undefined ? (
          <p class="note">passed before</p>
        ) : (
          <p class="console-msg is-error">
            <Text value={c.before} limit={4096} />
          </p>
        )}
      </td>
      <td>
        <After o={c.outcome} />
      </td>
    </tr>
  );
}
