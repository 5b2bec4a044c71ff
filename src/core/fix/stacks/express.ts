// Express + the `cors` package: a string origin is sent as-is with Vary: Origin. Never
// `origin: true` (reflects every origin) and never the default `*` with credentials (expressjs/cors #333).
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, problemNote, q } from './shared';

export function express(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const note = problemNote(spec.problem);
  const lines = [
    "const cors = require('cors');",
    '',
    ...(note ? [`// ${note}`] : []),
    'const corsOptions = {',
    `  origin: ${q(spec.origin)}, // exact origin (or an array of them); never true or '*'`,
    ...(spec.credentials ? ['  credentials: true,'] : []),
    `  methods: [${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`  allowedHeaders: [${spec.headers.map(q).join(', ')}],`] : []),
    '};',
    '// First, before session/auth middleware and routes: cors() answers OPTIONS with 204 itself.',
    'app.use(cors(corsOptions));',
  ];
  if (spec.problem === 'redirect-escape') {
    lines.push('', '// In the auth check, for API calls:', "if (!req.user) return res.status(401).json({ error: 'login required' }); // not res.redirect('/login')");
  }
  if (spec.problem === 'duplicate-origin') lines.push('// …and remove the CORS headers the proxy (nginx/Apache/Caddy/CDN) adds.');
  return lines.join('\n');
}
