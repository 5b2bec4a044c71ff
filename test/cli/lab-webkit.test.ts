// The command line with `--browser webkit` against the lab's own servers: for every scenario and
// mode WebKitGTK ran (test/fixtures/webkit.json, recorded by `npm run record:webkit`), `check`
// must reach WebKit's verdict, and for a blocked fetch print WebKit's SECURITY error line and the
// "… cannot load … due to access control checks." line that followed it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/index';
import { normalizeSentence } from '../../lab/oracle';
import type { WebKitObservation } from '../../lab/webkit-oracle';
import { NetworkError } from '../../src/cli/http';
import { checkScenario, labOrigins } from './lab-check';

const fixture = JSON.parse(readFileSync('test/fixtures/webkit.json', 'utf8')) as {
  webkit: string;
  origins: { page: string; sameSite: string; crossSite: string };
  scenarios: WebKitObservation[];
};

/** Runs the CLI cannot reproduce, with the reason; each is still run and what happens instead asserted. */
const NOT_REPRODUCIBLE: Record<string, string> = {
  // WebKit keeps the bare CR in the value (and blocks); Node's HTTP parser refuses the response.
  'edge-acao-bare-cr/broken': "Node's HTTP parser refuses a bare CR inside a header line",
  // A NUL byte in a header line: WebKit fails the load without a word, Node refuses the response.
  'edge-acao-nul/broken': "Node's HTTP parser refuses a NUL byte in a header line",
};
/** Blocked by WebKit before any CORS check, without a console line: the verdict agrees, no words to compare. */
const SILENT = new Set(['edge-acao-64k/broken']);

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(() => lab?.close());

const runCli = (o: WebKitObservation) => checkScenario(lab, o, 'webkit');

const normal = normalizeSentence;

describe(`check --browser webkit against the lab: the verdict and sentence ${fixture.webkit} recorded`, () => {
  it('covers every scenario in both modes, and keeps the exceptions few', () => {
    expect(fixture.scenarios.length).toBe(lab.scenarios.length * 2);
    for (const key of [...Object.keys(NOT_REPRODUCIBLE), ...SILENT])
      expect(
        fixture.scenarios.some((o) => `${o.id}/${o.mode}` === key),
        key,
      ).toBe(true);
  });

  for (const o of fixture.scenarios) {
    const key = `${o.id}/${o.mode}`;
    const name = `${o.id} (${o.mode}, ${o.client}): WebKit ${o.blocked ? 'blocked' : 'allowed'}`;
    if (NOT_REPRODUCIBLE[key] !== undefined) {
      it(`${name}: not reproduced, a network error instead (${NOT_REPRODUCIBLE[key]})`, async () => {
        await expect(runCli(o)).rejects.toBeInstanceOf(NetworkError);
      });
      continue;
    }
    it(name, async () => {
      const r = await runCli(o);
      expect(r.blocked, JSON.stringify(r.findings.map((f) => f.message))).toBe(o.blocked);
      if (!o.blocked || SILENT.has(key)) return;
      const error = r.findings.find((f) => f.severity === 'error')!;
      expect(o.messages).toHaveLength(1);
      expect(normal(error.message, labOrigins(lab))).toBe(normal(o.messages[0]!, fixture.origins));
      expect(normal(error.loadError ?? '', labOrigins(lab))).toBe(normal(o.loads[0]!, fixture.origins));
    });
  }
});
