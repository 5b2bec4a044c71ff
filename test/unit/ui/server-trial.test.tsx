// @vitest-environment happy-dom
// "Try fix" on a server's fix in the panel: the button asks the worker for that server; while the
// trial runs, each covered request shows the browser's sentence before and what the browser did
// after (accepted, the new failure, or not sent again yet), with the status caveat where a step
// changes a status. Everything shown comes from the trial state the worker sends.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { serverFixes } from '../../../src/core/fix/server';
import type { TrialState, TryFixRequest } from '../../../src/messages';
import { ServerTrialBox } from '../../../src/ui/ServerTrialBox';
import { findings } from './fixtures';

afterEach(cleanup);

const server = serverFixes(findings()).find((s) => s.fix.steps.some((x) => x.status))!;
const host = new URL(server.origin).host;

function running(): TrialState {
  return {
    tabId: 4,
    requestId: '',
    url: server.origin,
    server: server.origin,
    method: '',
    pageOrigin: 'http://localhost:1',
    started: 0,
    expires: Date.now() + 60_000,
    rules: 3,
    untried: [
      "the OPTIONS response: answer 204 instead of 401. An extension cannot change a status code; only the headers are tried, the status is the server's part.",
    ],
    before: '',
    replayable: false,
    covered: [
      {
        requestId: 'a',
        url: `${server.origin}/me`,
        method: 'GET',
        before: 'Access to fetch … <b>no</b> credentials',
        outcome: { accepted: true, confirmed: true, requestId: 'a2', time: 0 },
      },
      {
        requestId: 'b',
        url: `${server.origin}/account`,
        method: 'GET',
        before: 'preflight blocked',
        needsStatus: true,
        outcome: { accepted: false, confirmed: true, statusOnly: true, message: 'It does not have HTTP ok status.', requestId: 'b2', time: 0 },
      },
      { requestId: 'c', url: `${server.origin}/save`, method: 'POST' },
    ],
  };
}

describe('Try fix on a server fix', () => {
  it('asks the worker to try this server, saying a status change is the server\u2019s part', async () => {
    const sent: TryFixRequest[] = [];
    render(<ServerTrialBox server={server} tabId={4} trial={null} send={async (m) => (sent.push(m), { ok: true })} />);
    const button = screen.getByTestId('try-server-fix');
    expect(button.textContent).toBe(`Try fix for ${host}`);
    expect(screen.getByTestId('server-trial').textContent).toContain('cannot change a status code');
    fireEvent.click(button);
    await waitFor(() => expect(sent).toEqual([{ type: 'cors/try-fix', tabId: 4, server: server.origin }]));
  });

  it("shows the worker's refusal, not a trial", async () => {
    render(<ServerTrialBox server={server} tabId={4} trial={null} send={async () => ({ ok: false, error: 'no fix for that server on this tab' })} />);
    fireEvent.click(screen.getByTestId('try-server-fix'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('no fix for that server on this tab'));
    expect(screen.queryByTestId('trial-covered')).toBeNull();
  });

  it('shows each covered request before and after, side by side, as text', () => {
    const sent: TryFixRequest[] = [];
    render(<ServerTrialBox server={server} tabId={4} trial={running()} send={async (m) => (sent.push(m), { ok: true })} />);
    const rows = screen.getAllByTestId('trial-covered-row');
    expect(rows).toHaveLength(3);
    const cells = rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells[0]![1]).toBe('Access to fetch … <b>no</b> credentials');
    expect(rows[0]!.querySelector('b')).toBeNull();
    expect(cells[0]![2]).toMatch(/^accepted: the browser let the page read the response/);
    expect(cells[1]![0]).toContain("Its fix changes a status: the server's part, not tried.");
    expect(cells[1]![2]).toContain('It does not have HTTP ok status.');
    expect(cells[1]![2]).toContain("Only the status is left: that is the server's part");
    expect(cells[2]![2]).toBe('Not sent again yet.');
    expect(screen.getByTestId('trial-resend').textContent).toBe('Reload the page');
    fireEvent.click(screen.getByTestId('trial-stop'));
    expect(sent).toEqual([{ type: 'cors/try-fix', tabId: 4, off: true }]);
  });

  it("another server's trial: offers to try this one instead", () => {
    render(
      <ServerTrialBox
        server={server}
        tabId={4}
        trial={{ ...running(), server: 'https://other.example', url: 'https://other.example' }}
        send={async () => ({ ok: true })}
      />,
    );
    expect(screen.getByTestId('try-server-fix').textContent).toBe(`Try the fix for ${host} instead`);
  });
});
