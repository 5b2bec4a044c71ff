// Express + the `cors` package: a string origin is sent as-is with Vary: Origin. Never
// `origin: true` (reflects every origin) and never the default `*` with credentials (expressjs/cors #333).
// An edit of the app's existing cors(...) call: a second `const cors = require('cors')` stops node.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const lines = [
    ...intro('//', spec, 'app.js', "replace the options of the existing app.use(cors(...)) call; if there is none, add it with const cors = require('cors') (npm install cors)."),
    '// First, before session/auth middleware and routes: cors() answers OPTIONS with 204 itself.',
    'app.use(cors({',
    `  origin: ${q(spec.origin)}, // exact origin (or an array of them); never true or '*'`,
    ...(spec.credentials ? ['  credentials: true,'] : []),
    `  methods: [${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`  allowedHeaders: [${spec.headers.map(q).join(', ')}],`] : []),
    '}));',
  ];
  if (spec.problem === 'redirect-escape') {
    lines.push('// In the auth check, for API calls: res.status(401).json({ error: "login required" }), not res.redirect("/login").');
  }
  if (spec.problem === 'duplicate-origin') lines.push('// …and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) adds.');
  return lines.join('\n');
}
