// Hono's cors() middleware (hono/cors): a string origin is sent as-is with Vary: Origin; a function
// returning its argument reflects every origin.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, pathScope, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('//', spec, 'src/index.ts', "replace the options of the existing cors(...) middleware; if there is none, add it with import { cors } from 'hono/cors'."),
    '// Before auth middleware and routes: cors() answers OPTIONS with 204 itself.',
    `app.use(${q(`${pathScope(spec.path)}/*`)}, cors({`,
    `  origin: ${q(spec.origin)}, // exact origin (or an array of them); never '*' or (origin) => origin`,
    ...(spec.credentials ? ['  credentials: true,'] : []),
    `  allowMethods: [${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`  allowHeaders: [${spec.headers.map(q).join(', ')}],`] : []),
    '}));',
    ...(spec.problem === 'redirect-escape' ? ["// In the auth middleware, for API calls: return c.json({ error: 'login required' }, 401), not c.redirect('/login')."] : []),
    ...(spec.problem === 'duplicate-origin' ? ['// …and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) or a c.header(...) call adds.'] : []),
  ].join('\n');
}
