// Koa + @koa/cors: a string origin is sent as-is, and Vary: Origin always. With `credentials: true`
// and no origin, @koa/cors sends back whatever Origin the request carried (its README: "origin …
// default is '*'; if credentials set … the request Origin"), so the origin is always written out.
// Middleware runs in app.use() order, so cors goes before any auth middleware.
import type { SnippetSpec } from '../plan';
import { nodeSnippet } from '../node-snippet';
import { q } from './shared';

export function render(spec: SnippetSpec): string {
  return nodeSnippet(spec, {
    file: 'app.js',
    replaces:
      'replace the existing app.use(cors(...)) call with this one, placed first: right after const app = new Koa(), before session/auth middleware and the router.',
    uses: "Uses the app's existing `const cors = require('@koa/cors')` (if there is none, add it once; npm install @koa/cors).",
    open: 'app.use(cors({',
    close: '}));',
    origin: q,
    originWhy: "exact origin; never a function that returns the request's Origin",
    methodsKey: 'allowMethods',
    headersKey: 'allowHeaders',
    noRedirect: "ctx.throw(401, 'login required')",
    setsHeader: 'ctx.set(...)',
  });
}
