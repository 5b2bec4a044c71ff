import { describe, expect, it } from 'vitest';
import { findingsTable, fixLines } from '../../scripts/findings-table';
import type { Fix, FixStep } from '../../src/core/types';
import type { TabFinding } from '../../src/messages';

/** A fix as the validator builds it: plain data. */
const fixOf = (...steps: FixStep[]): Fix => ({
  steps,
  notes: [],
  spec: {
    kind: 'cors',
    origins: ['http://localhost:4000'],
    credentials: true,
    methods: ['GET'],
    headers: [],
    expose: [],
    problems: ['allow-origin'],
    paths: ['/'],
  },
});

const finding = (over: Partial<TabFinding>): TabFinding => ({
  id: '1',
  tabId: 1,
  requestId: 'r',
  time: 1,
  method: 'GET',
  credentials: 'include',
  credentialsEvidence: 'page-hook',
  credentialed: true,
  initiator: 'fetch',
  record: { method: 'GET', origin: 'http://localhost:4000', credentials: 'include', initiator: 'fetch', requestHeaders: [], hops: [] },
  rule: 'wildcard-origin',
  code: 'WildcardOriginNotAllowed',
  stage: 'response',
  severity: 'error',
  hop: 0,
  url: 'http://127.0.0.1:4002/s/acao-wildcard/0?run=a-1',
  hint: '*',
  cause: 'ACAO is * with credentials',
  message: 'Access to fetch …',
  explanation: '',
  fix: fixOf({ stage: 'response', hop: 0, headers: ['Access-Control-Allow-Origin: http://localhost:4000', 'Vary: Origin'] }),
  ...over,
});

describe('the npm start findings table', () => {
  it('prints cause and URL on one row and the fix header lines under it', () => {
    const text = findingsTable([finding({})]);
    const lines = text.split('\n');
    expect(lines.some((l) => l.includes('ACAO is * with credentials') && l.includes('http://127.0.0.1:4002/s/acao-wildcard/0?run=a-1'))).toBe(true);
    expect(text).toContain('↳ send on response: Access-Control-Allow-Origin: http://localhost:4000');
    expect(text).toContain('↳ send on response: Vary: Origin');
    expect(lines[0]).toBe('1 finding(s): 1 blocked request(s), 0 warning(s)');
  });

  it('names the method, and marks a blocked request without credentials', () => {
    const row = findingsTable([finding({ method: 'PUT', credentialed: false, credentials: 'omit', cause: 'no ACAO header' })]).split('\n')[3]!;
    expect(row).toMatch(/^1 {4}PUT {5}no ACAO header · no credentials/);
  });

  it("names the fix's own hop when it differs from the failure's", () => {
    const f = finding({ hop: 1, fix: fixOf({ stage: 'redirect', hop: 0, headers: ['Vary: Origin'], status: { from: 302, to: 401, why: '' } }) });
    expect(fixLines(f)).toEqual(['send on redirect: Vary: Origin', 'status on redirect: 302 → 401']);
  });

  it('names removals, status changes and hops, and marks warnings', () => {
    const f = finding({
      severity: 'warning',
      hop: 1,
      fix: fixOf({ stage: 'preflight', hop: 1, headers: [], remove: ['Access-Control-Allow-Origin'], status: { from: 401, to: 204, why: '' } }),
    });
    expect(fixLines(f)).toEqual(['stop sending on preflight (hop 1): Access-Control-Allow-Origin', 'status on preflight (hop 1): 401 → 204']);
    expect(findingsTable([f])).toContain('! = a warning');
  });

  it('prints every step of the plan, each on its own response, in order', () => {
    const f = finding({
      stage: 'preflight',
      fix: fixOf(
        { stage: 'preflight', hop: 0, headers: ['Access-Control-Allow-Credentials: true'], status: { from: 401, to: 204, why: '' } },
        { stage: 'response', hop: 0, headers: ['Access-Control-Allow-Origin: http://localhost:4000', 'Vary: Origin'] },
        { stage: 'response', hop: 1, headers: ['Vary: Origin'] },
      ),
    });
    expect(fixLines(f)).toEqual([
      'send on preflight: Access-Control-Allow-Credentials: true',
      'status on preflight: 401 → 204',
      'send on response: Access-Control-Allow-Origin: http://localhost:4000',
      'send on response: Vary: Origin',
      'send on response (hop 1): Vary: Origin',
    ]);
  });

  it('escapes control characters from the network so they cannot drive the terminal', () => {
    const text = findingsTable([finding({ cause: 'bad \u001b[2J value', url: 'http://x/\r\nInjected: 1' })]);
    expect(text).not.toMatch(/[\u001b\r]/);
    expect(text).toContain('\\u001b[2J');
  });
});
