// Cookie findings (kind 'cookie') in the panel store, the terminal table and the Markdown report:
// apart from CORS failures and warnings, with their own mark, never with a value.
import { describe, expect, it } from 'vitest';
import { findingsTable } from '../../../scripts/findings-table';
import { cookieFinding, parseSetCookie } from '../../../src/core/cookies/judge';
import type { TabFinding } from '../../../src/messages';
import { credentialMarker } from '../../../src/ui/format';
import { exportJson, markdownReport } from '../../../src/ui/report';
import { applyMessage, createPanelStore } from '../../../src/ui/store';
import { findings, tabId } from './fixtures';

const lax = cookieFinding(
  parseSetCookie('sid=v4lue; Path=/; HttpOnly; SameSite=Lax')!,
  {
    phase: 'set',
    url: 'http://127.0.0.2:4000/auth/login',
    pageOrigin: 'http://localhost:3000',
    crossSite: true,
    thirdPartyBlocked: false,
    now: 1,
  },
  0,
)!;
const asTab = (over: Partial<TabFinding> = {}): TabFinding => ({
  ...lax,
  id: 'k-1',
  tabId,
  requestId: 'k',
  time: Date.now() + 1000,
  method: 'POST',
  credentials: 'include',
  credentialsEvidence: 'page-hook',
  credentialed: true,
  initiator: 'fetch',
  record: {
    method: 'POST',
    origin: 'http://localhost:3000',
    credentials: 'include',
    initiator: 'fetch',
    requestHeaders: [],
    hops: [{ url: lax.url, response: { status: 200, headers: [{ name: 'Set-Cookie', value: '[redacted]' }] } }],
  },
  ...over,
});

describe('cookie findings in the UI', () => {
  it('have their own view: not failures, not warnings', () => {
    const store = createPanelStore({ tabId });
    applyMessage(store, { type: 'snapshot', tabId, findings: [...findings(), asTab()], dropped: 0, preserveLog: false });
    expect(store.cookies.value.map((f) => f.id)).toEqual(['k-1']);
    expect(store.errors.value.some((f) => f.kind === 'cookie')).toBe(false);
    expect(store.warnings.value.some((f) => f.kind === 'cookie')).toBe(false);
    store.view.value = 'cookies';
    expect(store.rows.value.map((r) => r.finding.id)).toEqual(['k-1']);
    expect(store.causes.value).toEqual([{ cause: 'cookie sid not stored: SameSite=Lax on a cross-site response', count: 1 }]);
  });

  it('carry a marker per credential kind', () => {
    expect(
      ['set', 'send', 'auth', 'cert', undefined].map((phase) =>
        credentialMarker({ credential: phase ? { phase: phase as 'set', name: 'x', attributes: '', also: [] } : undefined }),
      ),
    ).toEqual(['◆ refused', '◆ not sent', '◆ auth', '◆ cert', '◆ credential']);
  });

  it('are printed with the mark c and counted apart in the terminal table', () => {
    const table = findingsTable([asTab()]);
    expect(table).toContain('1 finding(s): 0 blocked request(s), 0 warning(s), 1 cookie/credential finding(s)');
    expect(table).toMatch(/^1\s+c POST\s+cookie sid not stored/m);
    expect(table).toContain('send on response: Set-Cookie: sid=<value>; Path=/; Secure; HttpOnly; SameSite=None');
    expect(table).toContain('c = a credential that never left');
  });

  it('get their own Markdown section, and no export holds a value', () => {
    const md = markdownReport([asTab()], 'django', 0);
    expect(md).toContain('0 failing request(s), 0 warning(s), 1 cookie/credential finding(s)');
    expect(md).toContain('## Cookies and other credentials');
    expect(md).toContain('### Credentials: POST');
    expect(md).toContain('SESSION_COOKIE_SAMESITE = "None"');
    expect(md + exportJson([asTab()])).not.toContain('v4lue');
  });
});
