// NestJS: app.enableCors() installs the platform's CORS middleware (`cors` on Express, @fastify/cors
// on Fastify) with the same option names; an array origin is matched exactly, `origin: true`
// reflects every origin. https://docs.nestjs.com/security/cors
// The snippet replaces the app's enableCors options as a whole, so it never leaves credentials
// out silently: it turns them on, or (requests seen without credentials) says to keep the app's own.
import type { CookieSpec, SnippetSpec } from '../plan';
import { expressSession } from './express';
import { advice, intro, KEEP_CREDENTIALS, list, methodsWith, originsOf, renderer } from './shared';

function cors(spec: SnippetSpec): string {
  return [
    ...intro('//', spec, 'src/main.ts', 'replace the options of the existing app.enableCors(...) call (and any cors option of NestFactory.create) with these.'),
    '// Call it right after NestFactory.create(), before any app.use(...) session/auth middleware:',
    '// middleware runs in the order it is added, and guards run after it.',
    'app.enableCors({',
    `  origin: ${list(originsOf(spec))}, // exact origins; never true or '*'`,
    spec.credentials ? '  credentials: true,' : `  // ${KEEP_CREDENTIALS}`,
    `  methods: ${list(methodsWith(spec))},`,
    ...(spec.headers.length > 0 ? [`  allowedHeaders: ${list(spec.headers)},`] : []),
    ...(spec.expose.length > 0 ? [`  exposedHeaders: ${list(spec.expose)},`] : []),
    '});',
    ...advice('//', spec, {
      'redirect-escape': 'In the guard or exception filter, for API calls: throw new UnauthorizedException(), not res.redirect("/login").',
      'preflight-redirect': 'Call the exact URL the route answers (scheme, host, trailing slash): a redirect in front of Nest fails the preflight.',
      'duplicate-origin': '…and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) or a res.header(...) call adds.',
    }),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return ['// In src/main.ts: the options of the existing app.use(session(...)) (express-session).', ...expressSession(k)].join('\n');
}

export const render = renderer('//', cors, cookie);
