// FastAPI / Starlette CORSMiddleware: explicit allow_origins (with ["*"] and allow_credentials=True
// Starlette sends "*" to requests without a cookie, which a credentialed fetch then refuses,
// https://github.com/encode/starlette/issues/1832). The middleware added last runs first
// (https://www.starlette.io/middleware/#using-middleware), so CORS goes after auth middleware.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  return [
    ...intro(
      '#',
      spec,
      'main.py',
      'replace your app.add_middleware(CORSMiddleware, ...) call; put this AFTER every other add_middleware / @app.middleware (pip install fastapi).',
    ),
    'from fastapi.middleware.cors import CORSMiddleware',
    '',
    '# Added last = runs first: preflights are answered before any auth middleware sees them.',
    'app.add_middleware(',
    '    CORSMiddleware,',
    `    allow_origins=[${q(spec.origin)}],  # exact origins; never ["*"] with credentials`,
    `    allow_credentials=${spec.credentials ? 'True' : 'False'},`,
    `    allow_methods=[${methodsWith(spec).map(q).join(', ')}],`,
    `    allow_headers=[${spec.headers.map(q).join(', ')}],`,
    ')',
    ...(spec.problem === 'redirect-escape' ? ['# API routes: raise HTTPException(status_code=401) instead of RedirectResponse("/login").'] : []),
  ].join('\n');
}
