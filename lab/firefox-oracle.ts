// Firefox as the oracle: run lab scenarios in a plain Firefox ESR page (WebDriver BiDi) and capture
// what Firefox said about each (its console CORS sentences, with their MDN reason codes) and
// whether it blocked the request. Firefox reports CORS blocks as BiDi log.entryAdded entries of type
// "javascript" (puppeteer's `pageerror`), asynchronously: they may arrive after the page's promise
// settled, so sentences are matched to runs by the run tag in the URL once everything has settled.
import type { ConsoleMessage, Page } from 'puppeteer-core';
import { firefoxKeyOf, mdnLink, type FirefoxKey } from '../src/core/firefox';
import type { Lab, Mode } from './index';
import type { RunSeen } from './oracle';

export interface FirefoxReasonSeen {
  /** The security.properties key the sentence matches. */
  key: FirefoxKey;
  /** Firefox DevTools' "Learn more" page for it. */
  link: string;
}

export interface FirefoxObservation extends RunSeen {
  /** Firefox's "Cross-Origin Request Blocked: …" errors for this run, verbatim, in arrival order. */
  messages: string[];
  /** One per message: its key and MDN link (undefined key: a sentence we have no template for). */
  reasons: Array<FirefoxReasonSeen | { key: undefined; link: undefined }>;
  /** Firefox's "Cross-Origin Request Warning: …" lines (allowed, with a warning). */
  warnings: string[];
  /** The page's own error text for a blocked run (Firefox: "NetworkError when attempting to fetch resource."). */
  pageError?: string;
}

type RunResult = { ok: boolean; status?: number; error?: string; url: string };

export interface FirefoxOracle {
  /** Run one scenario; the console part is filled in by settle(). */
  run(id: string, mode?: Mode): Promise<void>;
  /** Wait for the console to go quiet, then return every run so far, with its sentences. */
  settle(): Promise<FirefoxObservation[]>;
  dispose(): void;
}

const runTag = (url: string): string => new URL(url).searchParams.get('run') ?? url;
const TAG_IN_TEXT = /[?&]run=([\w-]+)/;

export function createFirefoxOracle(page: Page, lab: Lab): FirefoxOracle {
  const lines: string[] = [];
  const onError = (e: unknown): void => {
    lines.push(e instanceof Error ? e.message : String(e));
  };
  const onConsole = (m: ConsoleMessage): void => {
    if (m.type() === 'error' || m.type() === 'warn') lines.push(m.text());
  };
  page.on('pageerror', onError);
  page.on('console', onConsole);
  const runs: Array<{ base: Omit<FirefoxObservation, 'messages' | 'reasons' | 'warnings'>; tag: string }> = [];
  const linesFor = (tag: string): string[] => lines.filter((t) => TAG_IN_TEXT.exec(t)?.[1] === tag);
  return {
    async run(id, mode = 'broken') {
      const s = lab.scenarios.find((x) => x.id === id);
      if (!s) throw new Error(`Unknown lab scenario '${id}'`);
      lab.setMode(id, mode);
      const r = await page.evaluate((x) => (window as unknown as { lab: { run(id: string): Promise<RunResult> } }).lab.run(x), id);
      const record = lab.recordFor(id);
      if (!record) throw new Error(`${id} (${mode}): the lab saw no request`);
      runs.push({
        tag: runTag(r.url),
        base: { id, mode, kind: s.kind, client: s.client, credentials: s.credentials, blocked: !r.ok, ...(r.ok ? {} : { pageError: r.error ?? '' }), record },
      });
    },
    async settle() {
      // Quiet for 500 ms (bounded at 10 s): Firefox logs each block within a few ms of it.
      let count = -1;
      for (let i = 0; i < 20 && count !== lines.length; i++) {
        count = lines.length;
        await new Promise((res) => setTimeout(res, 500));
      }
      return runs.map(({ base, tag }) => {
        const mine = linesFor(tag);
        const messages = mine.filter((t) => t.startsWith('Cross-Origin Request Blocked:'));
        const reasons = messages.map((t) => {
          const key = firefoxKeyOf(t);
          return key ? { key, link: mdnLink(key) } : { key: undefined, link: undefined };
        });
        return { ...base, messages, reasons, warnings: mine.filter((t) => t.startsWith('Cross-Origin Request Warning:')) };
      });
    },
    dispose() {
      page.off('pageerror', onError);
      page.off('console', onConsole);
    },
  };
}
