// The verdict on recorded Chromium 156 sequences, with the real validator: each credentials
// evidence case, errors only for blocked requests, and the console sentence Chromium printed.
import { describe, expect, it } from 'vitest';
import { scenarioById } from '../../lab/scenarios';
import { validate } from '../../src/core/validate';
import type { Finding } from '../../src/core/types';
import { createCollector, type Finished } from '../../extension/background/collector';
import { bytesOf, cutMarker, MAX_FINDING_BYTES, MAX_STRING } from '../../extension/background/budget';
import { judge, packFinding, tabFindings, withSnippets } from '../../extension/background/verdict';
import type { TabFinding } from '../../src/messages';
import { replay, reported as runs } from './webrequest-replay';

/** Replays one recorded run; with `hinted`, the page hook's hint as the lab page would produce it. */
function finished(id: string, hinted = false): Finished {
  const run = runs.find((r) => r.id === id)!;
  const scenario = scenarioById(id) ?? scenarioById('control-no-cookie-in-scope')!;
  const out: Finished[] = [];
  const c = createCollector({ onFinished: (f) => out.push(f), now: () => 0, schedule: (fn) => fn() });
  const first = run.events[0]!;
  if (hinted) {
    const credentials = scenario.client === 'xhr' ? (scenario.credentials === 'include' ? 'include' : 'same-origin') : scenario.credentials;
    c.hint(
      { url: first.url, method: first.method, credentials, initiator: scenario.client === 'xhr' ? 'xmlhttprequest' : 'fetch', time: 0 },
      { tabId: first.tabId, frameId: first.frameId ?? 0 },
    );
  }
  replay(c, run.events);
  expect(out).toHaveLength(1);
  return out[0]!;
}

const errors = (fs: readonly Finding[]) => fs.filter((f) => f.severity === 'error');

describe('credentials evidence, strongest first', () => {
  it('page hook: the mode the page asked for', () => {
    const j = judge(finished('acao-wildcard', true), validate);
    expect(j).toMatchObject({ credentials: 'include', evidence: 'page-hook' });
  });

  it('Cookie header: a same-site request that carried the lab cookie', () => {
    const j = judge(finished('acao-missing'), validate);
    expect(j).toMatchObject({ credentials: 'include', evidence: 'cookie' });
  });

  it('Sec-Fetch-Storage-Access: a cross-site include request with no cookie', () => {
    const j = judge(finished('acao-wildcard'), validate);
    expect(j).toMatchObject({ credentials: 'include', evidence: 'storage-access' });
    expect(errors(j.findings)[0]?.code).toBe('WildcardOriginNotAllowed');
  });

  it("outcome: same-site 'include' with no cookie in scope, blocked only because it is credentialed", () => {
    const f = finished('same-site-include-no-cookie-wildcard');
    expect(f.cookie || f.storageAccess).toBe(false);
    const j = judge(f, validate);
    expect(j).toMatchObject({ credentials: 'include', evidence: 'outcome' });
    expect(errors(j.findings)[0]?.code).toBe('WildcardOriginNotAllowed');
  });

  it('none: a blocked request the non-credentialed reading already explains is listed as not credentialed', () => {
    // The preflight failed, so the actual request never showed its headers.
    const fs = tabFindings(finished('preflight-acao-missing'), validate, 0);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ credentialsEvidence: 'none', credentialed: false, severity: 'error' });
  });

  it('none: a request that worked, with no evidence, stays unknown', () => {
    const j = judge(finished('control-wildcard-omit'), validate);
    expect(j).toMatchObject({ credentials: 'unknown', evidence: 'none' });
    expect(errors(j.findings)).toEqual([]);
  });
});

describe('a forged hint against evidence the page cannot forge', () => {
  const forged = (id: string): Finished => ({ ...finished(id), hint: { credentials: 'omit', initiator: 'fetch' } });

  it("a Cookie header the request really carried outranks a hint saying credentials: 'omit'", () => {
    const j = judge(forged('acao-missing'), validate);
    expect(j).toMatchObject({ credentials: 'include', evidence: 'cookie' });
  });

  it("Sec-Fetch-Storage-Access outranks it too: the wildcard error stays a wildcard error, not 'unexplained'", () => {
    const fs = tabFindings(forged('acao-wildcard'), validate, 0);
    expect(fs[0]).toMatchObject({ code: 'WildcardOriginNotAllowed', credentialsEvidence: 'storage-access', credentialed: true });
    expect(fs.some((f) => f.unexplained)).toBe(false);
  });

  it('with nothing in the headers, the browser refusing only the credentialed reading outranks the hint', () => {
    const j = judge(forged('same-site-include-no-cookie-wildcard'), validate);
    expect(j).toMatchObject({ credentials: 'include', evidence: 'outcome' });
  });

  it("a hint that agrees with the headers keeps the hook's wording", () => {
    const j = judge({ ...finished('acao-missing'), hint: { credentials: 'include', initiator: 'xmlhttprequest' } }, validate);
    expect(j).toMatchObject({ credentials: 'include', evidence: 'page-hook' });
  });
});

describe('findings follow the browser', () => {
  it('a request the browser let through is never a failure, whatever the rules say', () => {
    const alwaysWrong = (): Finding[] => [{ ...validateError(), severity: 'error' }];
    expect(tabFindings(finished('control-get-cross-site', true), alwaysWrong, 0)).toEqual([]);
  });

  it('warnings on a request that worked are kept, apart from errors', () => {
    const fs = tabFindings(finished('control-no-vary', true), validate, 0);
    expect(fs.length).toBeGreaterThan(0);
    expect(fs.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('a blocked request no rule explains is listed as unexplained, with what we saw', () => {
    const fs = tabFindings(finished('acao-missing', true), () => [], 0);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ code: 'Unexplained', unexplained: true, severity: 'error', status: 200 });
    expect(fs[0]!.message).toContain('none of our rules explains why');
  });

  it('gives every blocked request exactly one error, carrying the tab context', () => {
    for (const run of runs.filter((r) => !r.result.ok)) {
      const fs = tabFindings(finished(run.id, true), validate, 42);
      expect(errors(fs), run.id).toHaveLength(1);
      expect(fs[0]).toMatchObject({ tabId: run.events[0]!.tabId, requestId: run.events[0]!.requestId, time: 42 });
    }
  });

  // Chromium's own sentence is the truth (recorded in the fixture, never typed here).
  for (const run of runs.filter((r) => !r.result.ok && scenarioById(r.id))) {
    it(`${run.id}: the error message is Chromium's console sentence`, () => {
      const [error] = errors(tabFindings(finished(run.id, true), validate, 0));
      expect(error?.message).toBe(run.console[0]);
    });
  }
});

function validateError(): Finding {
  const f = validate({
    method: 'GET',
    origin: 'http://a.test',
    credentials: 'include',
    initiator: 'fetch',
    requestHeaders: [],
    hops: [{ url: 'http://b.test/', response: { status: 200, headers: [] } }],
  });
  return f[0]!;
}

/** The longest string anywhere inside. */
const longest = (v: unknown): number =>
  typeof v === 'string' ? v.length : typeof v === 'object' && v !== null ? Math.max(0, ...Object.values(v).map(longest)) : 0;

describe('stored findings', () => {
  it('are stored without rendered snippets (the spec stays) and get them back, identical, when read', () => {
    let n = 0;
    for (const run of runs) {
      for (const f of tabFindings(finished(run.id, true), validate, 0)) {
        const full = JSON.parse(JSON.stringify(f)) as TabFinding; // as stored: plain data
        const packed = packFinding(full);
        if ('spec' in full.fix) expect(Object.keys(packed.fix)).not.toContain('snippets');
        if (longest(full) > MAX_STRING) continue; // the recorded huge values: cut (tested below)
        expect(JSON.parse(JSON.stringify(withSnippets([packed])[0])), f.id).toEqual(full);
        n++;
      }
    }
    expect(n).toBeGreaterThan(30);
  });

  it('cut a 240 KB header value to a few KB with a visible marker; the verdict read all of it', () => {
    const f = finished('acao-wildcard', true);
    const huge = `https://app.example${'x'.repeat(240_000)}`;
    f.record.hops[0]!.response!.headers = f.record.hops[0]!.response!.headers.map((h) =>
      /^access-control-allow-origin$/i.test(h.name) ? { ...h, value: huge } : h,
    );
    const [finding] = tabFindings(f, validate, 0);
    expect(finding!.message).toContain(huge); // Chromium's sentence quotes the whole value
    const stored = packFinding(JSON.parse(JSON.stringify(finding)) as TabFinding);
    expect(bytesOf(stored)).toBeLessThanOrEqual(MAX_FINDING_BYTES);
    expect(stored.message).toContain(cutMarker(huge.length + finding!.message.length - huge.length - MAX_STRING));
    const value = stored.record.hops[0]!.response!.headers.find((h) => /^access-control-allow-origin$/i.test(h.name))!.value;
    expect(value).toBe(huge.slice(0, MAX_STRING) + cutMarker(huge.length - MAX_STRING));
  });

  it('a response with thousands of CORS header lines still fits the budget, and says how many were cut', () => {
    const f = finished('acao-wildcard', true);
    f.record.hops[0]!.response!.headers.push(...Array.from({ length: 5_000 }, (_, i) => ({ name: `Access-Control-X-${i}`, value: 'y'.repeat(500) })));
    const stored = packFinding(JSON.parse(JSON.stringify(tabFindings(f, validate, 0)[0])) as TabFinding);
    expect(bytesOf(stored)).toBeLessThanOrEqual(MAX_FINDING_BYTES);
    expect(stored.record.hops[0]!.response!.headers.at(-1)!.value).toMatch(/^\[\d+ more header lines cut\]$/);
  });
});
