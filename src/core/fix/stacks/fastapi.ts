// FastAPI / Starlette CORSMiddleware: explicit allow_origins; Starlette does not refuse ["*"] with
// allow_credentials=True and then half-reflects (Starlette #1832), so never use "*" here.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, intro, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('#', spec, 'main.py', 'replace the existing app.add_middleware(CORSMiddleware, ...) call, after app = FastAPI() (pip install fastapi).'),
    'from fastapi.middleware.cors import CORSMiddleware',
    '# Add it last so it is the outermost middleware (runs before auth and error handlers).',
    'app.add_middleware(',
    '    CORSMiddleware,',
    `    allow_origins=[${q(spec.origin)}],  # exact origins; never ["*"] with credentials`,
    ...(spec.credentials ? ['    allow_credentials=True,'] : []),
    `    allow_methods=[${methodsWith(spec).map(q).join(', ')}],`,
    ...(spec.headers.length > 0 ? [`    allow_headers=[${spec.headers.map(q).join(', ')}],`] : []),
    ')',
    ...(spec.problem === 'redirect-escape' ? ['# API routes: raise HTTPException(status_code=401) instead of RedirectResponse("/login").'] : []),
  ].join('\n');
}
