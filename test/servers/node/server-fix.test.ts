// One fix per server: an Express API with four differently failing credentialed calls (a login
// POST with JSON, a GET, a PUT with JSON and Authorization, an XHR with a custom header). The
// extension's `cors/server-fixes` answer for that API, its Express snippet pasted once, makes
// Chromium accept every call in one round, while an unlisted origin is still refused; the login's
// own snippet alone does not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { paste, startBrowser, stackSnippet, type Call, type ServersBrowser } from '../harness';
import { nodeCase } from './node-app';

const json = { 'Content-Type': 'application/json' };
const CALLS: (Omit<Call, 'url'> & { path: string })[] = [
  { path: '/api/login', method: 'POST', headers: json, body: '{"user":"ada"}' },
  { path: '/api/me' },
  { path: '/api/profile', method: 'PUT', headers: { ...json, Authorization: 'Bearer t0ken' }, body: '{"name":"Ada"}' },
  { path: '/api/cart', via: 'xhr', headers: { 'X-Requested-With': 'XMLHttpRequest' } },
];

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

it('express: the per-server snippet, pasted once, cures all four calls', async () => {
  const spot = { begin: '// >>> cors setup', end: '// <<< cors setup', at: 'const app = express();' };
  const app = nodeCase('express', { file: 'one-server.cjs', call: CALLS[0]!, code: '' }, spot, b.pageOrigin);
  try {
    const broken = await app.start(app.source);
    let snippet: string;
    let loginOnly: string;
    try {
      const codes = new Set<string>();
      const own: string[] = [];
      for (const { path, ...call } of CALLS) {
        const out = await b.call({ ...call, url: broken.origin + path });
        expect(out.ok, `${path}: refused before the cure`).toBe(false);
        const f = await b.finding(out.url);
        expect(f.message, "the finding quotes Chromium's sentence").toBe(out.sentences[0]);
        codes.add(f.code);
        own.push(stackSnippet(f, 'express'));
      }
      loginOnly = own[0]!;
      expect(codes.size, 'the four calls fail in different ways').toBeGreaterThanOrEqual(2);
      const servers = (await b.serverFixes()).filter((s) => s.origin === broken.origin);
      expect(servers, 'one merged fix for the API').toHaveLength(1);
      expect(servers[0]!.requests.length, 'it covers every call').toBeGreaterThanOrEqual(CALLS.length);
      snippet = stackSnippet(servers[0]!, 'express');
    } finally {
      await broken.stop();
    }

    // Why one fix per server: the login's own snippet, pasted alone, still leaves the PUT refused.
    const partial = await app.start(paste(app.source, loginOnly, spot));
    try {
      const { path, ...put } = CALLS[2]!;
      expect((await b.call({ ...put, url: partial.origin + path })).ok, "the login's own fix does not cure the PUT").toBe(false);
    } finally {
      await partial.stop();
    }

    const cured = await app.start(paste(app.source, snippet, spot));
    try {
      for (const { path, ...call } of CALLS) {
        const ok = await b.call({ ...call, url: cured.origin + path });
        expect({ path, ok: ok.ok, sentences: ok.sentences }, `pasted once; server output:\n${cured.output()}`).toEqual({ path, ok: true, sentences: [] });
        const other = await b.call({ ...call, url: cured.origin + path }, 'other');
        expect(other.ok, `${path}: an unlisted origin stays refused`).toBe(false);
      }
    } finally {
      await cured.stop();
    }
  } finally {
    app.cleanup();
  }
});
