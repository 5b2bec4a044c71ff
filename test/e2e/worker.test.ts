// The worker in real Chromium on every lab scenario: Chromium's console sentence is the truth.
// Each blocked request gets exactly one error finding with that sentence; allowed ones none; the
// badge counts the blocked ones; each blocked request's first finding's whole plan, applied to
// the lab, makes Chromium accept the request in one round with no warning left; and the worker
// makes no network request of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipString, MAX_STRING } from '../../extension/background/budget';
import { lineValue } from '../../src/core/headers';
import { maskPasswords } from '../../src/core/origin';
import type { RequestRecord, ResponseSeen } from '../../src/core/types';
import type { TabFinding } from '../../src/messages';
import { badgeText, errorsOf, readFindings, runScenario, scenarioOf, startRig, until, workerCdp, type Rig } from '../../scripts/browser/worker-rig';

let rig: Rig;
let cdp: Awaited<ReturnType<typeof workerCdp>>;
const results = new Map<string, boolean>();

beforeAll(async () => {
  rig = await startRig();
  // Watch the worker's own network from the first request on (Network domain on its target).
  cdp = await workerCdp(rig);
  await cdp.send('Network.enable');
});
afterAll(async () => {
  await cdp?.detach();
  await rig?.close();
});

/**
 * Per hop: URL, statuses and the CORS lines, as both sides record them (raw line breaks read as
 * Chromium reads them). Stored values are cut at MAX_STRING (the 64 KB edge case): compare that much.
 */
const view = (r: RequestRecord) => {
  // Passwords in URLs are masked on both sides: the worker never keeps one (src/core/origin.ts maskPasswords).
  const cors = (x?: ResponseSeen) =>
    x && [
      x.status,
      x.headers
        .filter((h) => /^(access-control-|vary$|location$)/i.test(h.name))
        .map((h) => `${h.name.toLowerCase()}: ${maskPasswords(lineValue(h)).slice(0, MAX_STRING)}`),
    ];
  return {
    method: r.method,
    origin: r.origin,
    credentials: r.credentials,
    initiator: r.initiator,
    hops: r.hops.map((h) => ({ url: maskPasswords(h.url), preflight: cors(h.preflight), response: cors(h.response) })),
  };
};

const kindOf = (id: string) => rig.lab.scenarios.find((x) => x.id === id)?.kind;
const lastError = (fs: readonly TabFinding[], id: string) =>
  errorsOf(fs)
    .filter((f) => scenarioOf(f.url) === id || scenarioOf(f.record.hops[0]!.url) === id)
    .at(-1);

describe('worker on every lab scenario', () => {
  it("one error finding per blocked request, with Chromium's sentence; none for allowed ones; badge = blocked", async () => {
    const out = await rig.page.evaluate(() => (window as unknown as { lab: { runAll(): Promise<{ id: string; ok: boolean }[]> } }).lab.runAll());
    for (const r of out) results.set(r.id, r.ok);
    expect(out.length).toBeGreaterThanOrEqual(30);
    const blocked = out.filter((r) => !r.ok).map((r) => r.id);
    // A sentinel: its finding is the last to arrive, so everything before it has been judged.
    const sentinel = await runScenario(rig, blocked[0]!);
    expect(sentinel.ok).toBe(false);
    const reply = await until(
      () => readFindings(rig),
      (r) => r.findings.some((f) => f.url === sentinel.url || f.record.hops[0]!.url === sentinel.url),
      'the sentinel finding',
    );
    const errors = errorsOf(reply.findings).filter((f) => f.record.hops[0]!.url !== sentinel.url);
    const truth = rig.sentences.filter((s) => !s.includes(sentinel.url));
    // Chromium refused these responses before any CORS check (lab kind 'net-error', e.g.
    // net::ERR_INVALID_HTTP_RESPONSE, not the net::ERR_FAILED of a CORS block): no sentence, and
    // the worker lists nothing, as for any network failure that is not a CORS matter.
    const netErrors = blocked.filter((id) => kindOf(id) === 'net-error');
    for (const id of netErrors) {
      expect(
        reply.findings.filter((f) => scenarioOf(f.record.hops[0]!.url) === id),
        id,
      ).toEqual([]);
      expect(
        truth.filter((s) => s.includes(`/s/${id}/`)),
        id,
      ).toEqual([]);
    }

    expect(truth).toHaveLength(blocked.length - netErrors.length); // one sentence per CORS block
    for (const id of blocked.filter((x) => !netErrors.includes(x))) {
      const mine = errors.filter((f) => scenarioOf(f.record.hops[0]!.url) === id);
      const sentence = truth.find((s) => scenarioOf(/at '([^']+)'/.exec(s)![1]!) === id || s.includes(`/s/${id}/`));
      // Stored sentences are cut at MAX_STRING with a marker (the 64 KB edge case); the verdict read all of it.
      // A password in the sentence's URL (XHR credentials given to open()) is masked: never stored.
      expect(
        mine.map((f) => f.message),
        id,
      ).toEqual([sentence && clipString(maskPasswords(sentence), MAX_STRING)]);
      expect(mine[0]!.unexplained, id).toBeUndefined();
      // Non-credentialed requests are blocked by the same checks and listed, marked as such.
      expect(mine[0]!.credentialed, id).toBe(rig.lab.scenarios.find((x) => x.id === id)!.credentials === 'include');
      // What the worker saw of each hop is what the lab servers sent.
      if (id !== blocked[0]) expect(view(mine[0]!.record), id).toEqual(view(rig.lab.recordFor(id)!));
    }
    for (const r of out.filter((x) => x.ok))
      expect(
        errors.filter((f) => scenarioOf(f.record.hops[0]!.url) === r.id),
        r.id,
      ).toEqual([]);
    // Every finding has the documented fields.
    for (const f of reply.findings) {
      expect(f).toMatchObject({
        tabId: rig.tabId,
        method: expect.any(String),
        initiator: expect.any(String),
        code: expect.any(String),
        stage: expect.any(String),
        message: expect.any(String),
      });
      expect(Object.keys(f.fix).sort()).toEqual(['notes', 'snippets', 'spec', 'steps']);
      // The MAIN-world hook saw every lab call, fetch and XHR alike.
      expect(f.credentialsEvidence, f.url).toBe('page-hook');
      // Privacy: no Cookie/Authorization/Set-Cookie value is stored.
      expect(JSON.stringify(f)).not.toMatch(/lab_session=|lab-token/);
    }
    const count = blocked.length - netErrors.length + 1;
    expect(reply.blocked).toBe(count);
    expect(
      await until(
        () => badgeText(rig),
        (t) => t === (count > 99 ? '99+' : String(count)),
        'the badge',
      ),
    ).toBe(String(count));
  });

  it("applying every step of each blocked request's first finding makes Chromium accept it in one round, with no warning left", async () => {
    const failures: string[] = [];
    const cured: { id: string; url: string }[] = [];
    const seen = (await readFindings(rig)).findings;
    for (const [id, ok] of results) {
      if (ok || kindOf(id) === 'net-error') continue;
      const finding = lastError(seen, id);
      if (!finding) {
        failures.push(`${id}: no finding to apply`);
        continue;
      }
      // The whole plan at once (the OPTIONS response AND the actual response, the redirect AND
      // where it leads), each step on its own stage and hop; then one run, no second round.
      rig.lab.applyFix(id, finding.fix);
      const r = await runScenario(rig, id);
      rig.lab.setOverride(id, null);
      if (r.ok) cured.push({ id, url: r.url });
      else failures.push(`${id}: still blocked after ${finding.fix.steps.length} step(s) ${JSON.stringify(finding.fix.steps)}`);
    }
    // A blocked sentinel run last: once its finding is in, every cured run has been judged.
    const sentinelId = [...results].find(([id, ok]) => !ok && kindOf(id) !== 'net-error')![0];
    const sentinel = await runScenario(rig, sentinelId);
    const reply = await until(
      () => readFindings(rig),
      (x) => x.findings.some((f) => f.record.hops[0]!.url === sentinel.url),
      'the sentinel finding',
    );
    for (const c of cured) {
      // Cookie/credential findings (kind 'cookie', e.g. a 401 Bearer challenge) are not CORS advice.
      const left = reply.findings.filter((f) => f.record.hops[0]!.url === c.url && f.kind !== 'cookie');
      if (left.length > 0) failures.push(`${c.id}: accepted, but left ${left.map((f) => `${f.severity} ${f.rule}`).join(', ')}`);
    }
    expect(cured.length).toBeGreaterThanOrEqual(30);
    expect(failures).toEqual([]);
  });

  it('the extension made no network request of its own (watched on its service worker)', async () => {
    const http = () =>
      cdp.events
        .filter((e) => e.method === 'Network.requestWillBeSent')
        .map((e) => (e.params.request as { url: string }).url)
        .filter((u) => /^(https?|wss?):/.test(u));
    expect(http()).toEqual([]);
    // The vantage point works: a request the worker does make is seen.
    const probe = `${rig.lab.pageOrigin}/worker-network-probe`;
    const sw = await rig.browser.serviceWorker();
    await sw.evaluate(
      (u) =>
        fetch(u).then(
          () => 0,
          () => 0,
        ),
      probe,
    );
    expect(
      await until(
        async () => http(),
        (u) => u.length > 0,
        'the probe request',
      ),
    ).toEqual([probe]);
  });
});
