// Koa + @koa/cors: its `origin` is one string (sent as-is, to every caller) or a function of ctx
// whose falsy result sends no CORS headers at all; Vary: Origin always (@koa/cors index.js). With
// `credentials: true` and no origin it sends back whatever Origin the request carried (its README:
// "origin … default is '*'; if credentials set … the request Origin"), so the origin is always
// written out, and several origins go through a function that answers only listed ones.
// Middleware runs in app.use() order, so cors goes before any auth middleware.
import type { CookieSpec, SnippetSpec } from '../plan';
import { nodeSnippet } from '../node-snippet';
import { jsCookieOptions, list, q, renderer } from './shared';

/** One origin as a string; several through a function that returns the Origin only when listed. */
function origin(origins: string[]): string {
  if (origins.length === 1) return q(origins[0]!);
  return `(ctx) => (${list(origins)}.includes(ctx.get('Origin')) ? ctx.get('Origin') : '')`;
}

function cors(spec: SnippetSpec): string {
  return nodeSnippet(spec, {
    file: 'app.js',
    replaces:
      'replace the existing app.use(cors(...)) call with this one, placed first: right after const app = new Koa(), before session/auth middleware and the router.',
    uses: "Uses the app's existing `const cors = require('@koa/cors')` (if there is none, add it once; npm install @koa/cors).",
    open: 'app.use(cors({',
    close: '}));',
    origin,
    originWhy: "exact origins only; never a function that returns the request's Origin unchecked",
    methodsKey: 'allowMethods',
    headersKey: 'allowHeaders',
    exposeKey: 'exposeHeaders',
    noRedirect: "ctx.throw(401, 'login required')",
    setsHeader: 'ctx.set(...)',
  });
}

function cookie(k: CookieSpec): string {
  return [
    '// In app.js: the options of the existing app.use(session(...)) (koa-session).',
    `app.use(session({ key: ${q(k.name)}, ${jsCookieOptions(k).slice(2, -2)} }, app));`,
    '// a cookie set by hand:',
    `ctx.cookies.set(${q(k.name)}, value, ${jsCookieOptions(k)});`,
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
