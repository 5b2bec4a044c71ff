// django-cors-headers: CorsMiddleware first in MIDDLEWARE, so it answers preflights before any
// authentication middleware and adds its headers to every response below it
// (https://github.com/adamchainz/django-cors-headers#setup). Written to work whether or not
// corsheaders is already installed: adding the app twice stops Django ("Application labels aren't
// unique, duplicates: corsheaders"). It resets the settings that would widen the list
// (CORS_ALLOW_ALL_ORIGINS, CORS_ALLOWED_ORIGIN_REGEXES) and names methods and headers explicitly,
// so a narrower list set earlier in the file no longer applies. CORS_ALLOW_CREDENTIALS is only
// ever turned on here: a True set earlier in the file is kept.
import type { CookieSpec, SnippetSpec } from '../plan';
import { has, intro, KEEP_CREDENTIALS, list, originsOf, q, renderer } from './shared';

/** corsheaders.defaults in django-cors-headers 3.x and 4.x. */
const DEFAULT_METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const DEFAULT_HEADERS = ['accept', 'accept-encoding', 'authorization', 'content-type', 'dnt', 'origin', 'user-agent', 'x-csrftoken', 'x-requested-with'];

function cors(spec: SnippetSpec): string {
  const extraMethods = spec.methods.filter((m) => !DEFAULT_METHODS.includes(m));
  const extraHeaders = spec.headers.filter((h) => !DEFAULT_HEADERS.includes(h));
  const more = (xs: string[]) => xs.map((x) => `, ${q(x)}`).join('');
  return [
    ...intro('#', spec, 'settings.py', 'add at the end; it overrides the CORS_* settings above (pip install django-cors-headers).'),
    'from corsheaders.defaults import default_headers, default_methods',
    '',
    'if "corsheaders" not in INSTALLED_APPS:',
    '    INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]',
    '# CorsMiddleware first: before CommonMiddleware, authentication and anything else that can answer.',
    'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *[m for m in MIDDLEWARE if m != "corsheaders.middleware.CorsMiddleware"]]',
    'CORS_ALLOW_ALL_ORIGINS = False  # never with credentials',
    'CORS_ALLOWED_ORIGIN_REGEXES = []',
    `CORS_ALLOWED_ORIGINS = ${list(originsOf(spec))}  # exact origins`,
    spec.credentials ? 'CORS_ALLOW_CREDENTIALS = True' : `# ${KEEP_CREDENTIALS}`,
    `CORS_ALLOW_METHODS = [*default_methods${more(extraMethods)}]`,
    `CORS_ALLOW_HEADERS = [*default_headers${more(extraHeaders)}]`,
    ...(spec.expose.length > 0 ? [`CORS_EXPOSE_HEADERS = ${list(spec.expose)}`] : []),
    ...(has(spec, 'redirect-escape') ? ['# API views: return HttpResponse(status=401) instead of redirect_to_login() for fetch/XHR calls.'] : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '# In settings.py: add at the end.',
    `SESSION_COOKIE_NAME = ${q(k.name)}`,
    `SESSION_COOKIE_SAMESITE = ${q(k.sameSite)}`,
    'SESSION_COOKIE_SECURE = True',
    'SESSION_COOKIE_HTTPONLY = True',
    `SESSION_COOKIE_PATH = ${q(k.path)}`,
    `CSRF_COOKIE_SAMESITE = ${q(k.sameSite)}`,
    'CSRF_COOKIE_SECURE = True',
    ...(k.partitioned ? ['# Django has no setting for Partitioned: add it at the proxy (see the nginx/Apache/Caddy forms).'] : []),
  ].join('\n');
}

export const render = renderer('#', cors, cookie);
