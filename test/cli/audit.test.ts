// `audit` against endpoints that get CORS wrong in the usual ways, and one that gets it right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, probesFor } from '../../src/cli/audit';
import { APP, startAuditServer } from './audit-server';

let server: Awaited<ReturnType<typeof startAuditServer>>;
beforeAll(async () => {
  server = await startAuditServer();
});
afterAll(() => server?.close());

const holes = async (path: string, origin = APP) => {
  const r = await audit({ url: `${server.origin}${path}`, origin, headers: [], timeoutMs: 5000 });
  expect(r.requests).toBeLessThanOrEqual(12);
  return r;
};
const kinds = (r: Awaited<ReturnType<typeof holes>>) => r.holes.map((h) => h.kind).sort();

describe('audit', () => {
  it('asks about six hostile origins, never the app origin, at most a dozen requests', () => {
    for (const app of [APP, 'http://app.example.com', 'http://localhost:3000', 'https://example.com', 'http://127.0.0.1:8080']) {
      const p = probesFor(app);
      expect(p.length, app).toBeLessThanOrEqual(6);
      expect(
        p.map((x) => x.origin),
        app,
      ).not.toContain(app);
      expect(new Set(p.map((x) => x.origin)).size, app).toBe(p.length);
    }
    expect(probesFor(APP).map((p) => p.origin)).toEqual([
      'https://cors-inspector-audit.example',
      'null',
      'https://app.example.com.cors-inspector-audit.example',
      'https://evilexample.com',
      'http://app.example.com',
      'https://cors-inspector-audit.example.com',
    ]);
  });

  it('finds every hole of a server that echoes any Origin', async () => {
    const r = await holes('/echo');
    expect(kinds(r)).toEqual(['http', 'null', 'prefix', 'sibling', 'suffix', 'unrelated']);
    expect(r.holes.every((h) => h.reads && h.writes)).toBe(true);
  });

  it("finds 'null' allowed", async () => {
    expect(kinds(await holes('/null'))).toEqual(['null']);
  });

  it('finds the look-alikes a careless regular expression accepts', async () => {
    expect(kinds(await holes('/regex-no-end'))).toEqual(['suffix']);
    expect(kinds(await holes('/regex-no-dot'))).toEqual(['http', 'prefix', 'sibling']);
    expect(kinds(await holes('/regex-dots', 'http://app.example.com'))).toEqual(['dot']);
  });

  it('finds every subdomain trusted, and plain http trusted', async () => {
    expect(kinds(await holes('/subdomains'))).toEqual(['sibling']);
    expect(kinds(await holes('/any-scheme'))).toEqual(['http']);
  });

  it('finds no hole on an exact allow-list, and still gives the allow-list fix', async () => {
    const r = await holes('/exact');
    expect(r.holes).toEqual([]);
    expect(r.fix.headers).toEqual([`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin']);
  });

  it('finds no hole where no origin is allowed at all', async () => {
    expect((await holes('/none')).holes).toEqual([]);
  });
});
