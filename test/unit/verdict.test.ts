// The verdict on recorded Chromium 156 sequences, with the real validator: each credentials
// evidence case, errors only for blocked requests, and the console sentence Chromium printed.
import { describe, expect, it } from 'vitest';
import { scenarioById } from '../../lab/scenarios';
import { maskPasswords } from '../../src/core/origin';
import { validate } from '../../src/core/validate';
import type { Finding } from '../../src/core/types';
import { createCollector, type Finished } from '../../extension/background/collector';
import { bytesOf, cutMarker, MAX_FINDING_BYTES, MAX_STRING } from '../../extension/background/budget';
import { judge, packFinding, START_UNSEEN, tabFindings } from '../../extension/background/verdict';
import { findingReply } from '../../extension/background/replies';
import { snippets } from '../../src/core/fix/stacks/index';
import { engineMessages, messagesOf } from '../../src/core/validate';
import type { TabFinding } from '../../src/messages';
import { replay, reported as runs, throughReader } from './webrequest-replay';

/** Replays one recorded run; with `hinted`, the page hook's hint as the lab page would produce it. */
function finished(id: string, hinted = false): Finished {
  const run = runs.find((r) => r.id === id)!;
  const scenario = scenarioById(id) ?? scenarioById('control-no-cookie-in-scope')!;
  const out: Finished[] = [];
  const c = throughReader(createCollector({ onFinished: (f) => out.push(f), now: () => 0, schedule: (fn) => fn() }));
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
    // ...but its cure is written for credentials: harmless without them, required with them.
    for (const step of fs[0]!.fix.steps) expect(step.headers, `${step.stage} ${step.hop}`).toContain('Access-Control-Allow-Credentials: true');
    expect(fs[0]!.fix.spec).toMatchObject({ kind: 'cors', credentials: true });
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
      // A password in the sentence's URL (XHR credentials given to open()) is masked: never kept.
      expect(error?.message).toBe(maskPasswords(run.console[0]!));
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
  it("are plain data (no rendered snippets, no other engine's words); a cors/findings reply renders both from the spec and the record", () => {
    let n = 0;
    for (const run of runs) {
      for (const f of tabFindings(finished(run.id, true), validate, 0)) {
        const full = JSON.parse(JSON.stringify(f)) as TabFinding; // as stored: plain data
        const packed = packFinding(full);
        expect(Object.keys(packed.fix), f.id).toEqual(['steps', 'notes', 'spec']);
        expect('messages' in packed, f.id).toBe(false);
        if (longest(full) > MAX_STRING) continue; // the recorded huge values: cut (tested below)
        expect(packed, f.id).toEqual(full);
        const reply = findingReply(packed);
        expect(reply.fix.snippets, f.id).toEqual(f.unexplained ? {} : snippets(f.fix.spec));
        expect(reply.messages, f.id).toEqual(f.severity === 'error' && !f.unexplained ? engineMessages(f.record) : undefined);
        if (f.severity === 'error' && !f.unexplained) expect(reply.messages!.chromium, f.id).toBe(f.message);
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
    // Rendered from the cut record, the other engines' words differ; its own stay the stored sentence.
    expect(engineMessages(stored.record).chromium).not.toBe(stored.message);
    expect(messagesOf(stored)!.chromium).toBe(stored.message);
    expect(findingReply(stored).messages!.chromium).toBe(stored.message);
  });

  it('a response with thousands of CORS header lines still fits the budget, and says how many were cut', () => {
    const f = finished('acao-wildcard', true);
    f.record.hops[0]!.response!.headers.push(...Array.from({ length: 5_000 }, (_, i) => ({ name: `Access-Control-X-${i}`, value: 'y'.repeat(500) })));
    const stored = packFinding(JSON.parse(JSON.stringify(tabFindings(f, validate, 0)[0])) as TabFinding);
    expect(bytesOf(stored)).toBeLessThanOrEqual(MAX_FINDING_BYTES);
    expect(stored.record.hops[0]!.response!.headers.at(-1)!.value).toMatch(/^\[\d+ more header lines cut\]$/);
    // The first cut (64 lines, 1,024 characters) was enough: nothing is cut further.
    expect(stored.record.hops[0]!.response!.headers).toHaveLength(65);
    expect(stored.record.hops[0]!.response!.headers.at(-2)!.value).toBe('y'.repeat(500));
  });

  it('cuts tighter until the finding fits: lines that the first cut leaves over the budget go down to 32 of 256 characters', () => {
    const f = finished('acao-wildcard', true);
    f.record.hops[0]!.response!.headers.push(...Array.from({ length: 5_000 }, (_, i) => ({ name: `Access-Control-X-${i}`, value: 'y'.repeat(1_000) })));
    // 64 lines of 1,000 characters weigh more than the budget on their own.
    expect(64 * 1_000).toBeGreaterThan(MAX_FINDING_BYTES);
    const stored = packFinding(JSON.parse(JSON.stringify(tabFindings(f, validate, 0)[0])) as TabFinding);
    expect(bytesOf(stored)).toBeLessThanOrEqual(MAX_FINDING_BYTES);
    const headers = stored.record.hops[0]!.response!.headers;
    expect(headers).toHaveLength(33);
    expect(headers.at(-1)!.value).toMatch(/^\[\d+ more header lines cut\]$/);
    expect(headers.at(-2)!.value).toBe('y'.repeat(256) + cutMarker(1_000 - 256));
  });
});

describe('a blocked request whose start no running worker saw', () => {
  const f: Finished = {
    requestId: 'r9',
    tabId: 4,
    frameId: 0,
    blocked: true,
    error: 'net::ERR_FAILED',
    record: {
      method: 'PUT',
      origin: 'http://localhost:1',
      credentials: 'unknown',
      initiator: 'unknown',
      requestHeaders: [],
      hops: [{ url: 'http://127.0.0.1:2/api' }],
    },
    cookie: false,
    storageAccess: false,
    startUnseen: true,
  };

  it('is one error finding (counted on the badge), with what its end told and the line saying the rest was lost', () => {
    const fs = tabFindings(f, (r) => validate(r, 'chromium'), 5);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      severity: 'error',
      requestId: 'r9',
      tabId: 4,
      url: 'http://127.0.0.1:2/api',
      method: 'PUT',
      unexplained: true,
      credentials: 'unknown',
    });
    expect(fs[0]!.message).toContain('PUT request (net::ERR_FAILED)');
    expect(fs[0]!.message).toContain(START_UNSEEN);
    expect(fs[0]!.fix.notes[0]).toBe(START_UNSEEN);
  });

  it('keeps the credentials mode its page hint told (the hint can reach the next worker), and its fix keeps credentials on', () => {
    const hinted: Finished = {
      ...f,
      hint: { credentials: 'include', initiator: 'fetch' },
      record: { ...f.record, credentials: 'include', initiator: 'fetch' },
    };
    const [x] = tabFindings(hinted, (r) => validate(r, 'chromium'), 5);
    expect(x).toMatchObject({ credentials: 'include', credentialsEvidence: 'page-hook', unexplained: true, record: { credentials: 'include' } });
    expect(x!.fix.spec).toMatchObject({ kind: 'cors', credentials: true });
    expect(x!.message).toContain(START_UNSEEN);
  });

  it('is never judged by the rules (they would read a request without headers as a passing one)', () => {
    let called = 0;
    tabFindings(f, (r) => (called++, validate(r, 'chromium')), 5);
    expect(called).toBe(0);
  });
});
