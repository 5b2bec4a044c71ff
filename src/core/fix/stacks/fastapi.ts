// FastAPI / Starlette CORSMiddleware: explicit allow_origins (with ["*"] and allow_credentials=True
// Starlette sends "*" to requests without a cookie, which a credentialed fetch then refuses,
// https://github.com/encode/starlette/issues/1832). The middleware added last runs first
// (https://www.starlette.io/middleware/#using-middleware), so CORS goes after auth middleware.
import type { CookieSpec, SnippetSpec } from '../plan';
import { has, intro, KEEP_CREDENTIALS, list, methodsWith, originsOf, q, renderer } from './shared';

function cors(spec: SnippetSpec): string {
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
    `    allow_origins=${list(originsOf(spec))},  # exact origins; never ["*"] with credentials`,
    spec.credentials ? '    allow_credentials=True,' : `    # ${KEEP_CREDENTIALS}`,
    `    allow_methods=${list(methodsWith(spec))},`,
    `    allow_headers=${list(spec.headers)},`,
    ...(spec.expose.length > 0 ? [`    expose_headers=${list(spec.expose)},`] : []),
    ')',
    ...(has(spec, 'redirect-escape') ? ['# API routes: raise HTTPException(status_code=401) instead of RedirectResponse("/login").'] : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  const lower = q(k.sameSite.toLowerCase());
  return [
    '# In main.py: the session middleware, or where a route sets the cookie.',
    'from starlette.middleware.sessions import SessionMiddleware',
    '',
    `app.add_middleware(SessionMiddleware, secret_key=SECRET_KEY, session_cookie=${q(k.name)}, path=${q(k.path)}, same_site=${lower}, https_only=True)`,
    '# a cookie set by hand:',
    `response.set_cookie(${q(k.name)}, value, path=${q(k.path)}, secure=True, httponly=True, samesite=${lower}${k.partitioned ? ', partitioned=True' : ''})`,
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
