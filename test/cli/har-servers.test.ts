// `cors-inspector har` leads with one fix per server (src/cli/servers.ts): on the HAR recorded
// from real Chromium on the lab, every failed request is covered by its API's merged fix, and a
// server configured by that fix lets each request that stays on that server through.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeHar, readHar } from '../../src/cli/har';
import { harServers, renderServers, serversJson } from '../../src/cli/servers';
import { applyServerFix } from '../../src/core/fix/server';
import { serializeOrigin } from '../../src/core/origin';
import { validate } from '../../src/core/validate';

const entries = readHar(readFileSync('test/fixtures/har/lab-chromium.har', 'utf8'));
const judged = judgeHar(entries);
const servers = harServers(judged, entries);
const plain = { tty: false, color: false };

describe('har: one fix per server', () => {
  it('puts every failed request under the server it was sent to', () => {
    const failed = servers.flatMap((s) => s.requests.filter((id) => id.startsWith('failed-')));
    expect(failed.sort()).toEqual(judged.map((_, i) => `failed-${i + 1}`).sort());
    for (const s of servers)
      for (const id of s.requests.filter((x) => x.startsWith('failed-')))
        expect(serializeOrigin(judged[Number(id.slice(7)) - 1]!.record.hops[0]!.url)).toBe(s.origin);
    // The lab page's calls that worked count too, so the cure keeps them working.
    expect(servers.some((s) => s.requests.some((id) => id.startsWith('passing-')))).toBe(true);
  });

  it('cures every failed request that stays on its server, in one round', () => {
    let cured = 0;
    for (const s of servers) {
      for (const id of s.requests.filter((x) => x.startsWith('failed-'))) {
        const j = judged[Number(id.slice(7)) - 1]!;
        const staysHere = j.record.hops.every((h) => serializeOrigin(h.url) === s.origin) && /^https?:\/\/[^/]+$/.test(j.record.origin);
        if (!staysHere || !j.findings.some((f) => f.severity === 'error')) continue;
        expect(
          validate(applyServerFix(s.fix, j.record, s.origin)).map((f) => f.rule),
          `${id} ${j.record.hops[0]!.url}`,
        ).toEqual([]);
        cured++;
      }
    }
    expect(cured).toBeGreaterThan(15);
  });

  it('prints the per-server fixes first, and carries every snippet in --json', () => {
    const text = renderServers(servers, plain, 'express').join('\n');
    expect(text.startsWith('One fix per server')).toBe(true);
    for (const s of servers) expect(text).toContain(`Fix for ${new URL(s.origin).host}: covers ${s.requests.length} requests`);
    expect(text).toContain('On every OPTIONS preflight response');
    expect(text).toContain('  express:\n    // In ');
    const json = serversJson(servers) as { origin: string; fix: { snippets: Record<string, string> } }[];
    expect(json.map((s) => s.origin)).toEqual(servers.map((s) => s.origin));
    expect(Object.keys(json[0]!.fix.snippets)).toHaveLength(18);
  });
});
