// Chromium as the oracle: run a lab scenario in a plain Chromium page and capture what the
// browser said about it (its console CORS sentences) and whether it blocked the request.
import type { ConsoleMessage, Page } from 'playwright-core';
import type { RequestRecord } from '../src/core/types';
import type { Lab, Mode } from './index';

/** What every engine's oracle knows of one run, whatever the browser said. */
export interface RunSeen {
  id: string;
  mode: Mode;
  kind: string;
  client: 'fetch' | 'xhr';
  credentials: 'include' | 'same-origin' | 'omit';
  blocked: boolean;
  record: RequestRecord;
}

export interface Observation extends RunSeen {
  /** Chromium's console errors for this run that start with "Access to ", verbatim. */
  messages: string[];
  /** A blocked run without a CORS sentence: the net error Chromium logged for it instead. */
  netError?: string;
}

export interface Oracle {
  observe(id: string, mode?: Mode): Promise<Observation>;
  dispose(): void;
}

type RunResult = { ok: boolean; status?: number; error?: string; url: string };

/** Attach to a page showing the lab; every console CORS sentence is kept and matched by run URL. */
export function createOracle(page: Page, lab: Lab): Oracle {
  const sentences: string[] = [];
  // "Failed to load resource: net::ERR_…" names its URL only in the message's location.
  const netErrors = new Map<string, string>();
  const onConsole = (m: ConsoleMessage): void => {
    if (m.type() !== 'error') return;
    if (m.text().startsWith('Access to ')) sentences.push(m.text());
    const net = /^Failed to load resource: (net::ERR_\w+)/.exec(m.text());
    if (net) netErrors.set(m.location().url, net[1]!);
  };
  page.on('console', onConsole);
  // XHR credentials given to open() show in the sentence's URL as user:pass@ (lab xhr-open-credentials-*).
  const mine = (url: string): string[] => sentences.filter((t) => t.includes(`'${url}'`) || t.includes(`'${url.replace('://', '://user:pass@')}'`));
  return {
    async observe(id, mode = 'broken') {
      const s = lab.scenarios.find((x) => x.id === id);
      if (!s) throw new Error(`Unknown lab scenario '${id}'`);
      lab.setMode(id, mode);
      const r = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), id);
      // The sentence is logged before the page's promise settles, and CDP keeps order; the
      // poll is a guard, bounded, for blocked runs only (an allowed run logs nothing).
      for (let i = 0; !r.ok && mine(r.url).length === 0 && i < 50; i++) await page.evaluate(() => new Promise((res) => setTimeout(res, 20)));
      const record = lab.recordFor(id);
      if (!record) throw new Error(`${id} (${mode}): the lab saw no request`);
      const messages = mine(r.url);
      // A refusal before CORS logs only its net error; poll briefly for it (bounded, like above).
      for (let i = 0; !r.ok && messages.length === 0 && !netErrors.has(r.url) && i < 25; i++)
        await page.evaluate(() => new Promise((res) => setTimeout(res, 20)));
      const netError = !r.ok && messages.length === 0 ? netErrors.get(r.url) : undefined;
      return { id, mode, kind: s.kind, client: s.client, credentials: s.credentials, blocked: !r.ok, messages, ...(netError ? { netError } : {}), record };
    },
    dispose: () => page.off('console', onConsole),
  };
}

/** Replace the lab's ports and run tags so sentences from two lab instances compare equal. */
export function normalizeSentence(text: string, origins: { page: string; sameSite: string; crossSite: string }): string {
  const host = (origin: string): string => origin.replace(/^[a-z]+:\/\//, '');
  // Scenarios also send the page origin upper-cased ({PAGE}) and without its scheme ({page-host}).
  // WebKit quotes a redirect's Location with its user:pass@ ({next-userinfo}, lab redirect-userinfo).
  // The extension keeps such a URL with its password masked (src/core/origin.ts maskPasswords).
  const userinfo = (origin: string, password = 'pass'): string => origin.replace('://', `://user:${password}@`);
  return text
    .replaceAll(userinfo(origins.sameSite), '{same-site-userinfo}')
    .replaceAll(userinfo(origins.crossSite), '{cross-site-userinfo}')
    .replaceAll(userinfo(origins.sameSite, 'REDACTED'), '{same-site-userinfo-masked}')
    .replaceAll(userinfo(origins.crossSite, 'REDACTED'), '{cross-site-userinfo-masked}')
    .replaceAll(origins.page, '{page}')
    .replaceAll(origins.page.toUpperCase(), '{PAGE}')
    .replaceAll(origins.sameSite, '{same-site}')
    .replaceAll(origins.crossSite, '{cross-site}')
    .replaceAll(host(origins.page), '{page-host}')
    .replace(/run=[^'&\s]+/g, 'run={run}');
}
