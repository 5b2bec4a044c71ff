// Fastify + @fastify/cors. The origin is given as an array: the plugin then checks the request's
// Origin against it and adds Vary: Origin, which it skips for a plain string origin (@fastify/cors
// index.js, "Always set Vary header for non-static origin option"). `origin: true` reflects every
// origin. Hooks run in registration order, so the plugin goes before any auth hook (Fastify docs,
// "Hooks"); register() is queued in order, so no `await` is needed.
import type { CookieSpec, SnippetSpec } from '../plan';
import { nodeSnippet } from '../node-snippet';
import { jsCookieOptions, list, q, renderer } from './shared';

function cors(spec: SnippetSpec): string {
  return nodeSnippet(spec, {
    file: 'server.js',
    replaces:
      'replace the existing fastify.register(cors, ...) call with this one, placed first: right after const fastify = Fastify(), before auth hooks (addHook) and routes.',
    uses: "Uses the app's existing cors import (@fastify/cors; if there is none, add it once; npm install @fastify/cors).",
    open: 'fastify.register(cors, {',
    close: '});',
    origin: list,
    originWhy: "exact origins; never true or '*'",
    methodsKey: 'methods',
    headersKey: 'allowedHeaders',
    exposeKey: 'exposedHeaders',
    noRedirect: "reply.code(401).send({ error: 'login required' })",
    setsHeader: 'reply.header(...)',
  });
}

function cookie(k: CookieSpec): string {
  return [
    '// In server.js: the cookie options of the existing register call (@fastify/secure-session or @fastify/session).',
    `fastify.register(fastifySession, { cookieName: ${q(k.name)}, secret: process.env.SESSION_SECRET, cookie: ${jsCookieOptions(k)} });`,
    '// a cookie set by hand (@fastify/cookie):',
    `reply.setCookie(${q(k.name)}, value, ${jsCookieOptions(k)});`,
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
