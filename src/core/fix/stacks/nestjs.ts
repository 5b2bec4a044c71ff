// NestJS: app.enableCors() installs the platform's CORS middleware (`cors` on Express, @fastify/cors
// on Fastify) with the same option names; `origin: true` reflects every origin.
// https://docs.nestjs.com/security/cors
import type { SnippetSpec } from '../plan';
import { advice, intro, methodsWith, NO_SAFE_ORIGIN, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('//', spec, 'src/main.ts', 'replace the existing app.enableCors(...) call (and any cors option of NestFactory.create) with this one.'),
    '// Call it right after NestFactory.create(), before any app.use(...) session/auth middleware:',
    '// middleware runs in the order it is added, and guards run after it.',
    'app.enableCors({',
    `  origin: [${q(spec.origin)}], // exact origins; never true or '*'`,
    ...(spec.credentials ? ['  credentials: true,'] : []),
    `  methods: [${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`  allowedHeaders: [${spec.headers.map(q).join(', ')}],`] : []),
    '});',
    ...advice('//', spec.problem, {
      'redirect-escape': 'In the guard or exception filter, for API calls: throw new UnauthorizedException(), not res.redirect("/login").',
      'preflight-redirect': 'Call the exact URL the route answers (scheme, host, trailing slash): a redirect in front of Nest fails the preflight.',
      'duplicate-origin': '…and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) or a res.header(...) call adds.',
    }),
  ].join('\n');
}
