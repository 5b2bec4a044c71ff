// WebKitGTK live (MiniBrowser under Xvfb, scripts/browser/webkit.ts): every lab scenario, broken
// and fixed, run in WebKit now must end as test/fixtures/webkit.json says (the same verdict and the
// same console lines, ports and run tags aside), and validate(record, 'webkit') must print the
// line WebKit printed in this very run.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { normalizeSentence } from '../../lab/oracle';
import { observeInWebKit, type WebKitObservation } from '../../lab/webkit-oracle';
import { openInWebKit, parseConsoleLine, WEBKIT_INSTALL_HINT } from '../../scripts/browser/webkit';
import { readFileSync } from 'node:fs';
import { validate } from '../../src/core/validate';

const fixture = JSON.parse(readFileSync('test/fixtures/webkit.json', 'utf8')) as {
  origins: { page: string; sameSite: string; crossSite: string };
  scenarios: WebKitObservation[];
};

let lab: Lab;
let live: WebKitObservation[] = [];
let seconds = 0;

beforeAll(async () => {
  lab = await startLab();
  const started = Date.now();
  live = await observeInWebKit(
    lab,
    lab.scenarios.map((s) => s.id),
  );
  seconds = (Date.now() - started) / 1000;
});
afterAll(() => lab?.close());

const ours = () => ({ page: lab.pageOrigin, sameSite: lab.sameSiteOrigin, crossSite: lab.crossSiteOrigin });
const normal = (lines: readonly string[], origins: { page: string; sameSite: string; crossSite: string }) => lines.map((l) => normalizeSentence(l, origins));

describe('WebKitGTK, live, on every lab scenario', () => {
  test('runs every scenario in both modes, well inside the CI budget', () => {
    expect(live.map((o) => `${o.id}/${o.mode}`)).toEqual(fixture.scenarios.map((o) => `${o.id}/${o.mode}`));
    expect(seconds).toBeLessThan(90);
  });

  test('blocks what the fixture says it blocked, and allows the rest', () => {
    const verdicts = (list: readonly WebKitObservation[]) => list.map((o) => `${o.id}/${o.mode}: ${o.blocked ? 'blocked' : 'allowed'}`);
    expect(verdicts(live)).toEqual(verdicts(fixture.scenarios));
  });

  test('prints the same reasons and "cannot load" lines as recorded', () => {
    const words = (list: readonly WebKitObservation[], origins: typeof fixture.origins) =>
      list.map((o) => ({ run: `${o.id}/${o.mode}`, messages: normal(o.messages, origins), loads: normal(o.loads, origins) }));
    expect(words(live, ours())).toEqual(words(fixture.scenarios, fixture.origins));
  });

  test("validate(record, 'webkit') prints the reason WebKit printed in this run", () => {
    const worded = live.filter((o) => o.blocked && o.messages.length > 0);
    expect(worded.length).toBeGreaterThan(30);
    for (const o of worded) {
      const error = validate(o.record, 'webkit').find((f) => f.severity === 'error');
      expect(error?.message, `${o.id}/${o.mode}`).toBe(o.messages[0]);
      expect(error?.loadError, `${o.id}/${o.mode}`).toBe(o.loads[0]);
    }
  });
});

describe('the WebKit launcher', () => {
  test('reads MiniBrowser console lines: source, level and text', () => {
    expect(parseConsoleLine('CONSOLE SECURITY ERROR Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.')).toEqual({
      source: 'SECURITY',
      level: 'ERROR',
      text: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
    });
    expect(parseConsoleLine('http://localhost:1/#x:12:3: CONSOLE LOG lab-finished')).toEqual({ source: '', level: 'LOG', text: 'lab-finished' });
    expect(parseConsoleLine('(MiniBrowser:42): Gtk-WARNING **: cannot open display')).toBeUndefined();
  });

  test('fails with the install command when MiniBrowser is missing', async () => {
    const saved = process.env.MINIBROWSER_PATH;
    process.env.MINIBROWSER_PATH = '/nonexistent/MiniBrowser';
    try {
      await expect(openInWebKit('about:blank')).rejects.toThrow(WEBKIT_INSTALL_HINT);
      expect(WEBKIT_INSTALL_HINT).toContain('apt-get install -y webkit2gtk-driver xvfb');
    } finally {
      if (saved === undefined) delete process.env.MINIBROWSER_PATH;
      else process.env.MINIBROWSER_PATH = saved;
    }
  });
});
