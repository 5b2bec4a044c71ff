// Findings right from the first request, in real Chromium 156: a page opened at the moment the
// extension's service worker starts, and a page that was open before the extension was installed,
// each run several times (a fresh browser and profile each round). Each gets Chromium's own
// sentence (its live console) and a credentialed fix on cookie-less preflight failures, whose
// credentials mode only the page hook can tell, and every cookie its cross-site login had refused,
// named with DevTools' own reason (recorded live over CDP). Third-party cookies are blocked (the
// default).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieCases } from '../../lab/cookies';
import { startLab, type Lab } from '../../lab/index';
import { renderSnippet } from '../../src/core/fix/stacks/index';
import { START_UNSEEN } from '../../extension/background/verdict';
import type { TabFinding } from '../../src/messages';
import { launchWithExtension, type ExtensionBrowser, type LaunchOptions } from '../../scripts/browser/launch';
import { caseOf, watchDevtools, type CookieRun, type DevtoolsVerdict } from './cookies-rig';
import { errorsOf, scenarioOf, until, type FindingsReply } from '../../scripts/browser/worker-rig';

/** Preflighted requests to the cross-site API (no cookie goes there): only the hook knows 'include'. */
const SCENARIOS = ['preflight-acao-missing', 'acam-missing-method', 'preflight-401-no-cors'];
const ROUNDS = 3;
const NATIVE = 'function fetch() { [native code] }';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab?.close();
});

interface Opened {
  browser: ExtensionBrowser;
  page: Page;
  sentences: string[];
  devtools: DevtoolsVerdict[];
  loaded: Promise<unknown>;
}

/** A new tab whose console sentences and DevTools cookie verdicts are recorded (the truth). */
async function watchedPage(context: ExtensionBrowser['context'], sentences: string[], devtools: DevtoolsVerdict[]): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('Access to ')) sentences.push(m.text());
  });
  await watchDevtools(page, devtools);
  return page;
}

/**
 * Launches Chromium and opens the page at `url`: 'later', before the extension is installed;
 * 'at-start', the moment the extension's service worker target appears (the browser has just
 * loaded the extension; the worker's script is starting), or without waiting for it
 * (`waitForWorker` false: as the browser comes up).
 */
async function open(url: string, install: LaunchOptions['install'], waitForWorker = true): Promise<Opened> {
  const sentences: string[] = [];
  const devtools: DevtoolsVerdict[] = [];
  let page: Page | undefined;
  let loaded: Promise<unknown> = Promise.resolve();
  const browser = await launchWithExtension({
    install,
    atStart: async (context) => {
      if (install === 'at-start' && waitForWorker && !context.serviceWorkers().some((w) => w.url().startsWith('chrome-extension://')))
        await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 30_000 });
      page = await watchedPage(context, sentences, devtools);
      // Not awaited when the extension starts with the browser: the page loads while it starts.
      // Held as a value, so a failure is this test's error rather than an unhandled rejection.
      loaded = page.goto(url).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (install === 'later') await loaded;
    },
  });
  const failed = await loaded;
  if (failed) throw failed instanceof Error ? failed : new Error(JSON.stringify(failed));
  return { browser, page: page!, sentences, devtools, loaded };
}

/** What the extension says of the page's tab (`cors/findings`), read from an extension page. */
async function tabOf(o: Opened): Promise<FindingsReply> {
  const reader = o.browser.context.pages().find((p) => p.url().startsWith('chrome-extension://')) ?? (await o.browser.context.newPage());
  if (!reader.url().startsWith('chrome-extension://')) await reader.goto(`chrome-extension://${o.browser.extensionId}/extension/popup/popup.html`);
  const url = o.page.url();
  const tabId = await until(
    () => reader.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url),
    (id) => typeof id === 'number',
    'the page tab',
  );
  return reader.evaluate<FindingsReply, number>((t) => chrome.runtime.sendMessage({ type: 'cors/findings', tabId: t }), tabId!);
}

interface Started {
  scenarios: { id: string; ok: boolean; url: string }[];
  cookies: CookieRun[];
}

/** The logins whose cookie never came back (not the 401 case, nor the first-party visit, not made here). */
const refused = (runs: readonly CookieRun[]) =>
  runs.filter((r) => {
    const k = cookieCases.find((x) => x.id === r.id)!;
    return !r.sent && k.setCookie !== '' && !k.firstParty;
  });

const ACAC_TRUE = /^access-control-allow-credentials: true$/i;
/** Whether the response a plan step names says Access-Control-Allow-Credentials: true once the step is applied. */
function credentialedAfter(f: TabFinding, step: TabFinding['fix']['steps'][number]): boolean {
  if (step.headers.some((l) => /^access-control-allow-credentials:/i.test(l))) return step.headers.some((l) => ACAC_TRUE.test(l));
  const hop = f.record.hops[step.hop];
  const seen = step.stage === 'preflight' ? hop?.preflight?.headers : step.stage === 'response' ? hop?.response?.headers : undefined;
  return (seen ?? []).some((h) => ACAC_TRUE.test(`${h.name}: ${h.value}`));
}

/**
 * The requests the tab names as made before the extension listened (`unwatched`), by their URL
 * without the run's query: a lab scenario's id, or a cookie case's.
 */
const unwatchedOf = (tab: FindingsReply) => (tab.unwatched?.requests ?? []).map((r) => r.url);

/**
 * Everything the page did, as the extension reports it, next to the browser's own words. With
 * `unwatched`, the page loaded before the worker first ran: a request that began and ended before
 * any listener existed is not judged, but named in the tab's `unwatched` notice; one that began
 * before and ended after is listed from its end alone, with its hint's credentials mode; every
 * other one is judged in full.
 */
async function check(o: Opened, started: Started, unwatched = false): Promise<{ unwatched: number }> {
  expect(started.scenarios.map((r) => [r.id, r.ok])).toEqual(SCENARIOS.map((id) => [id, false]));
  const missing = refused(started.cookies);
  expect(missing.length).toBeGreaterThan(5);
  const cookieKinds = (fs: readonly TabFinding[]) => fs.filter((f) => f.kind === 'cookie' && f.rule !== 'http-auth');
  const named = (tab: FindingsReply, id: string, of: (u: string) => string | undefined) => unwatched && unwatchedOf(tab).some((u) => of(u) === id);
  const judged = (tab: FindingsReply, k: CookieRun) => cookieKinds(tab.findings).some((f) => caseOf(f.url) === k.id);
  const tab = await until(
    () => tabOf(o),
    (t) =>
      SCENARIOS.every((id) => errorsOf(t.findings).some((f) => scenarioOf(f.url) === id) || named(t, id, scenarioOf)) &&
      missing.every((k) => judged(t, k) || named(t, k.id, caseOf)),
    'every finding, or every request named as unwatched',
  );
  const fs = tab.findings;
  for (const r of started.scenarios) {
    const f = errorsOf(fs).find((x) => x.record.hops[0]!.url === r.url);
    // Made and ended before any listener: named, not judged (nothing of it was seen).
    if (!f) {
      expect({ id: r.id, named: named(tab, r.id, scenarioOf) }).toEqual({ id: r.id, named: true });
      continue;
    }
    // Begun before the first listener existed and ended after: listed from its end alone, with the
    // line saying so (no headers were seen, so no sentence can be Chromium's), its hint's mode kept.
    const endOnly = unwatched && f.message.includes(START_UNSEEN);
    const sentence = o.sentences.find((s) => s.includes(`'${r.url}'`));
    if (!endOnly) expect({ id: r.id, message: f.message }).toEqual({ id: r.id, message: sentence });
    expect({
      id: r.id,
      credentials: f.credentials,
      evidence: f.credentialsEvidence,
      fixCredentials: f.fix.spec.kind === 'cors' && f.fix.spec.credentials,
    }).toEqual({ id: r.id, credentials: 'include', evidence: 'page-hook', fixCredentials: true });
    if (endOnly) continue; // no header was seen: the plan names no change to make
    // The credentialed fix: every response the plan names carries Access-Control-Allow-Credentials:
    // true once the plan is applied (the step sets it, or the response had it already).
    expect({ id: r.id, acac: f.fix.steps.map((step) => credentialedAfter(f, step)) }).toEqual({ id: r.id, acac: f.fix.steps.map(() => true) });
    expect({ id: r.id, express: /\bcredentials: true\b/.test(renderSnippet(f.fix.spec, 'express')) }).toEqual({ id: r.id, express: true });
  }
  for (const r of missing) {
    const k = cookieCases.find((x) => x.id === r.id)!;
    const mine = cookieKinds(fs).filter((f) => f.credential?.name === k.name && caseOf(f.url) === k.id);
    if (mine.length === 0 && named(tab, k.id, caseOf)) continue;
    expect({ id: k.id, count: mine.length }).toEqual({ id: k.id, count: 1 });
    const f = mine[0]!;
    const truth = o.devtools.filter((d) => d.name === k.name && d.phase === f.credential!.phase && caseOf(d.url) === k.id);
    // A Max-Age=0 Set-Cookie is a deletion: DevTools lists no blocked reason for it.
    if (f.rule === 'cookie-expired') expect({ id: k.id, truth }).toEqual({ id: k.id, truth: [] });
    else expect({ id: k.id, code: f.code }).toEqual({ id: k.id, code: truth[0]?.reasons[0] });
  }
  // Only a page that loaded before the worker ran may have requests no listener saw; every named
  // one is a request of this page (a scenario's or the cookie login's API), never a same-origin one.
  if (!unwatched) expect(tab.unwatched).toBeUndefined();
  for (const u of unwatchedOf(tab)) expect(scenarioOf(u) ?? caseOf(u)).toBeDefined();
  return { unwatched: tab.unwatched?.count ?? 0 };
}

describe('a page opened at the moment the extension starts', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: its first requests are hooked and its login's cookies judged`, async () => {
      // The page makes its requests and its cross-site login as it loads (lab/page.ts #start).
      const o = await open(`${lab.pageUrl}#start=${SCENARIOS.join(',')},cookies`, 'at-start');
      try {
        const started = await o.page.evaluate<Started>(() => (window as unknown as { labStarted: Promise<Started> }).labStarted);
        await check(o, started);
      } finally {
        await o.browser.close();
      }
    });
  }
});

describe('a page opened as the browser comes up, before the worker first runs', () => {
  // The page and the browser start together: the page is hooked from its first script (the
  // manifest's content scripts), while the worker's webRequest listeners exist only once it has
  // first run, so a request may be seen from its end alone, and its hint tells its credentials.
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: its first requests are hooked and its login's cookies judged`, async () => {
      const o = await open(`${lab.pageUrl}#start=${SCENARIOS.join(',')},cookies`, 'at-start', false);
      try {
        const started = await o.page.evaluate<Started>(() => (window as unknown as { labStarted: Promise<Started> }).labStarted);
        const { unwatched } = await check(o, started, true);
        console.log(`round ${round}: ${unwatched} request(s) made before the worker listened`);
      } finally {
        await o.browser.close();
      }
    });
  }
});

describe('a page open before the extension is installed', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: the worker hooks it on install; its requests and login are judged`, async () => {
      const o = await open(lab.pageUrl, 'later');
      try {
        // The worker injects the hook into open tabs as it starts: wait for that, as a user would
        // wait for the extension to appear, then the page makes its requests.
        await until(
          () => o.page.evaluate(() => Function.prototype.toString.call(fetch)),
          (p) => p !== NATIVE,
          'the open page hooked',
        );
        const started = (await o.page.evaluate(async (ids) => {
          const w = window as unknown as { lab: { run(id: string): Promise<{ ok: boolean; url: string }> }; cookieLab: { runAll(): Promise<unknown> } };
          const [scenarios, cookies] = await Promise.all([Promise.all(ids.map(async (id) => ({ id, ...(await w.lab.run(id)) }))), w.cookieLab.runAll()]);
          return { scenarios, cookies };
        }, SCENARIOS)) as Started;
        await check(o, started);
      } finally {
        await o.browser.close();
      }
    });
  }
});
