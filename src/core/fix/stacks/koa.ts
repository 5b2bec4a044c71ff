// Koa + @koa/cors: a string origin is sent as-is (with Vary: Origin); a function returning
// ctx.get('Origin') reflects every origin. `credentials: true` for cookies.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('//', spec, 'app.js', "replace the options of the existing app.use(cors(...)) call; if there is none, add it with const cors = require('@koa/cors') (npm install @koa/cors)."),
    '// First app.use(): before session/auth middleware and the router.',
    'app.use(cors({',
    `  origin: ${q(spec.origin)}, // exact origin; never a function that returns the request's Origin`,
    ...(spec.credentials ? ['  credentials: true,'] : []),
    `  allowMethods: [${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`  allowHeaders: [${spec.headers.map(q).join(', ')}],`] : []),
    '}));',
    ...(spec.problem === 'redirect-escape' ? ['// In the auth middleware, for API calls: ctx.throw(401), not ctx.redirect("/login").'] : []),
    ...(spec.problem === 'duplicate-origin' ? ['// …and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) or a ctx.set(...) call adds.'] : []),
  ].join('\n');
}
