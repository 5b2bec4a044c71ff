// Hono's cors() middleware (hono/cors): a string origin is sent only to that exact origin, with
// Vary: Origin; a function returning its argument reflects every origin (Hono docs, "CORS
// Middleware"). Middleware runs in registration order, so cors goes before bearerAuth() etc.
import type { SnippetSpec } from '../plan';
import { nodeSnippet } from '../node-snippet';
import { pathScope, q } from './shared';

export function render(spec: SnippetSpec): string {
  return nodeSnippet(spec, {
    file: 'src/index.ts',
    replaces:
      'replace the existing app.use(..., cors(...)) call with this one, placed first: right after const app = new Hono(), before auth middleware and routes.',
    uses: "Uses the app's existing `import { cors } from 'hono/cors'` (if there is none, add it once).",
    open: `app.use(${q(`${pathScope(spec.path)}/*`)}, cors({`,
    close: '}));',
    origin: q,
    originWhy: "exact origin (or an array of them); never '*' or (origin) => origin",
    methodsKey: 'allowMethods',
    headersKey: 'allowHeaders',
    noRedirect: "return c.json({ error: 'login required' }, 401)",
    setsHeader: 'c.header(...)',
  });
}
