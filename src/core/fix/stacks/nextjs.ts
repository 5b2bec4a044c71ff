// Next.js: CORS for route handlers in middleware.ts (Next.js 16: proxy.ts, whose function is named
// proxy; node_modules/next/dist/docs/messages/middleware-to-proxy.md), which runs before them and
// can answer OPTIONS (https://nextjs.org/docs/app/api-reference/file-conventions/proxy#cors).
// An app that has a middleware already has its auth check there, so the snippet wraps it: the
// user's function is renamed authMiddleware and still runs for every request but a preflight, and
// whatever it returns (its 401, a redirect, NextResponse.next()) gets the CORS headers. The Origin
// is echoed only after an exact allow-list check. Headers set here win over a route handler's
// own copy (Next.js adds a handler's header only when the response has none yet, except Vary and
// a few others: next/dist/server/send-response.js), but for an unlisted Origin the handler's
// copies would still be sent, so the snippet says to remove them.
// Written so the one TypeScript-only piece is the `...args` annotation: the JavaScript form
// (middleware.js / proxy.js) is the same code without it. The import is aliased so it cannot
// clash with the file's own `import { NextResponse }`.
import type { CookieSpec, SnippetSpec } from '../plan';
import { advice, intro, jsCookieOptions, KEEP_CREDENTIALS, methodsWith, originsOf, q, renderer } from './shared';

/** The one TypeScript-only piece; the snippet's JavaScript form is the same text without it. */
export const NEXTJS_TS_ONLY = ': Parameters<typeof authMiddleware>';

function cors(spec: SnippetSpec): string {
  const headers: [string, string][] = [
    ...(spec.credentials ? ([['Access-Control-Allow-Credentials', 'true']] as [string, string][]) : []),
    ['Access-Control-Allow-Methods', methodsWith(spec).join(', ')],
    ...(spec.headers.length > 0 ? ([['Access-Control-Allow-Headers', spec.headers.join(', ')]] as [string, string][]) : []),
    ...(spec.expose.length > 0 ? ([['Access-Control-Expose-Headers', spec.expose.join(', ')]] as [string, string][]) : []),
  ];
  return [
    ...intro(
      '//',
      spec,
      'middleware.ts',
      "wrap your middleware so CORS runs first and every answer, your auth check's 401 included, carries the headers (Next.js 16: proxy.ts; name the exported function proxy instead of middleware).",
    ),
    '// 1. Rename your `export function middleware(` (or `export default function`) to `function authMiddleware(`; keep its body.',
    '//    No middleware yet? Add: const authMiddleware = (request: Request) => undefined;',
    `// 2. Paste this below it. JavaScript (middleware.js / proxy.js): the same, without "${NEXTJS_TS_ONLY}".`,
    '// 3. If the file exports config = { matcher: … }, make the matcher cover your API routes too.',
    '// 4. Remove Access-Control-* headers set in route handlers or next.config.js headers(): for a listed',
    '//    origin these win, but for any other origin theirs would still be sent.',
    "import { NextResponse as CorsNextResponse } from 'next/server';",
    '',
    `const CORS_ALLOWED_ORIGINS = [${originsOf(spec).map(q).join(', ')}]; // exact origins; never '*' with credentials`,
    'const CORS_HEADERS = {',
    ...(spec.credentials ? [] : [`  // ${KEEP_CREDENTIALS}`]),
    ...headers.map(([name, value]) => `  ${q(name)}: ${q(value)},`),
    '};',
    '',
    `export async function middleware(...args${NEXTJS_TS_ONLY}) {`,
    '  const [request] = args;',
    "  const origin = request.headers.get('origin') ?? '';",
    '  // Adds the headers (the Origin only when it is listed); with no argument, answers a preflight.',
    '  const withCors = (answer = new Response(null, { status: 204 })) => {',
    '    let response = answer;',
    '    try {',
    "      response.headers.append('Vary', 'Origin');",
    '    } catch {',
    '      // Response.redirect() and fetch() answers have read-only headers: add them to a copy.',
    '      response = new Response(answer.body, answer);',
    "      response.headers.append('Vary', 'Origin');",
    '    }',
    '    if (CORS_ALLOWED_ORIGINS.includes(origin)) {',
    "      response.headers.set('Access-Control-Allow-Origin', origin);",
    '      for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);',
    '    }',
    '    return response;',
    '  };',
    '  // A preflight carries no cookies or Authorization: answer it before the auth check.',
    "  if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) return withCors();",
    ...advice('//', spec, {
      'redirect-escape': 'In authMiddleware, for API calls: return new Response(null, { status: 401 }), not NextResponse.redirect(loginUrl).',
    }).map((l) => `  ${l}`),
    '  return withCors((await authMiddleware(...args)) ?? CorsNextResponse.next());',
    '}',
    ...advice('//', spec, {
      'preflight-redirect':
        'A trailingSlash redirect runs before this and fails the preflight: call the canonical URL, or set skipTrailingSlashRedirect: true in next.config.js.',
    }),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '// In app/api/login/route.ts: where the route handler sets the cookie.',
    "import { cookies } from 'next/headers';",
    `(await cookies()).set(${q(k.name)}, value, ${jsCookieOptions(k)});`,
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
