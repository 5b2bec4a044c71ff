// Hono's cors() middleware (hono/cors): a string or an array origin is matched exactly (an
// unlisted Origin gets no Access-Control-Allow-Origin), with Vary: Origin; a function returning
// its argument reflects every origin (Hono docs, "CORS Middleware"; hono/dist/middleware/cors).
// Middleware runs in registration order, so cors goes before bearerAuth() etc.
import type { CookieSpec, SnippetSpec } from '../plan';
import { nodeSnippet, oneOrList } from '../node-snippet';
import { jsCookieOptions, q, renderer, scopeOf } from './shared';

function cors(spec: SnippetSpec): string {
  return nodeSnippet(spec, {
    file: 'src/index.ts',
    replaces:
      'replace the existing app.use(..., cors(...)) call with this one, placed first: right after const app = new Hono(), before auth middleware and routes.',
    uses: "Uses the app's existing `import { cors } from 'hono/cors'` (if there is none, add it once).",
    open: `app.use(${q(`${scopeOf(spec)}/*`)}, cors({`,
    close: '}));',
    origin: oneOrList,
    originWhy: "exact origins; never '*' or (origin) => origin",
    methodsKey: 'allowMethods',
    headersKey: 'allowHeaders',
    exposeKey: 'exposeHeaders',
    noRedirect: "return c.json({ error: 'login required' }, 401)",
    setsHeader: 'c.header(...)',
  });
}

function cookie(k: CookieSpec): string {
  return [
    '// In src/index.ts: where the login handler sets the cookie (hono/cookie).',
    "import { setCookie } from 'hono/cookie';",
    `setCookie(c, ${q(k.name)}, value, ${jsCookieOptions(k, k.sameSite)});`,
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
