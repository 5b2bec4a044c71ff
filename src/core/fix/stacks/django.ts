// django-cors-headers: CorsMiddleware first in MIDDLEWARE, so it answers preflights before any
// authentication middleware and adds its headers to every response below it
// (https://github.com/adamchainz/django-cors-headers#setup). Written to work whether or not
// corsheaders is already installed: adding the app twice stops Django ("Application labels aren't
// unique, duplicates: corsheaders"). It resets the settings that would widen the list
// (CORS_ALLOW_ALL_ORIGINS, CORS_ALLOWED_ORIGIN_REGEXES) and names methods and headers explicitly,
// so a narrower list set earlier in the file no longer applies.
import type { SnippetSpec } from '../plan';
import { intro, NO_SAFE_ORIGIN, q } from './shared';

/** corsheaders.defaults in django-cors-headers 3.x and 4.x. */
const DEFAULT_METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const DEFAULT_HEADERS = ['accept', 'accept-encoding', 'authorization', 'content-type', 'dnt', 'origin', 'user-agent', 'x-csrftoken', 'x-requested-with'];

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const extraMethods = spec.methods.filter((m) => !DEFAULT_METHODS.includes(m) && m !== '*');
  const extraHeaders = spec.headers.filter((h) => !DEFAULT_HEADERS.includes(h) && h !== '*');
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
    `CORS_ALLOWED_ORIGINS = [${q(spec.origin)}]  # exact origins`,
    `CORS_ALLOW_CREDENTIALS = ${spec.credentials ? 'True' : 'False'}`,
    `CORS_ALLOW_METHODS = [*default_methods${more(extraMethods)}]`,
    `CORS_ALLOW_HEADERS = [*default_headers${more(extraHeaders)}]`,
    ...(spec.problem === 'redirect-escape' ? ['# API views: return HttpResponse(status=401) instead of redirect_to_login() for fetch/XHR calls.'] : []),
  ].join('\n');
}
