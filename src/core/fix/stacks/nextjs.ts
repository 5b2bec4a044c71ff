// Next.js: CORS for route handlers in middleware.ts, which runs before them and can answer OPTIONS;
// headers set on NextResponse.next() reach the route's response. The Origin is echoed only after an
// exact allow-list check. https://nextjs.org/docs/app/building-your-application/routing/route-handlers#cors
import type { SnippetSpec } from '../plan';
import { advice, intro, methodsWith, NO_SAFE_ORIGIN, pathScope, sq } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const headers = [
    ...(spec.credentials ? ["  'Access-Control-Allow-Credentials': 'true',"] : []),
    `  'Access-Control-Allow-Methods': ${sq(methodsWith(spec).join(', '))},`,
    ...(spec.headers.length > 0 ? [`  'Access-Control-Allow-Headers': ${sq(spec.headers.join(', '))},`] : []),
  ];
  return [
    ...intro(
      '//',
      spec,
      'middleware.ts',
      'add this CORS handling at the top of your middleware (next to app/, Next.js 16: proxy.ts with export function proxy); merge config.matcher with yours.',
    ),
    '// Remove Access-Control-* headers set in next.config.js headers() or in route handlers for these paths (else two copies).',
    "import { NextResponse, type NextRequest } from 'next/server';",
    '',
    `const ALLOWED_ORIGINS = [${sq(spec.origin)}]; // exact origins; never '*' with credentials`,
    'const CORS_HEADERS: Record<string, string> = {',
    ...headers,
    '};',
    '',
    'export function middleware(request: NextRequest) {',
    "  const origin = request.headers.get('origin') ?? '';",
    '  const allowed = ALLOWED_ORIGINS.includes(origin); // echo the Origin only when it is listed',
    '  // Answer preflights here, before any auth check: a preflight carries no cookies.',
    "  const response = request.method === 'OPTIONS' ? new NextResponse(null, { status: 204 }) : NextResponse.next();",
    '  if (allowed) {',
    "    response.headers.set('Access-Control-Allow-Origin', origin);",
    '    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);',
    '  }',
    "  response.headers.set('Vary', 'Origin');",
    ...advice('//', spec.problem, {
      'redirect-escape': 'Auth checks below this point: for API calls return new NextResponse(null, { status: 401 }), not NextResponse.redirect(loginUrl).',
    }).map((l) => `  ${l}`),
    '  return response;',
    '}',
    ...advice('//', spec.problem, {
      'preflight-redirect':
        'A trailingSlash redirect runs before this and fails the preflight: call the canonical URL, or set skipTrailingSlashRedirect: true in next.config.js.',
    }),
    '',
    `export const config = { matcher: ${sq(`${pathScope(spec.path)}/:path*`)} };`,
  ].join('\n');
}
