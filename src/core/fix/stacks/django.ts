// django-cors-headers: CorsMiddleware as high as possible (before CommonMiddleware and anything that
// can answer first); explicit CORS_ALLOWED_ORIGINS; never CORS_ALLOW_ALL_ORIGINS with credentials.
// Written to work whether or not corsheaders is already installed: adding the app twice stops Django
// ("Application labels aren't unique").
import type { SnippetSpec } from '../plan';
import { intro, NO_SAFE_ORIGIN, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const extraMethods = spec.methods.filter((m) => !['GET', 'POST', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(m) && m !== '*');
  const extraHeaders = spec.headers.filter(
    (h) => !['accept', 'authorization', 'content-type', 'user-agent', 'x-csrftoken', 'x-requested-with'].includes(h),
  );
  return [
    ...intro('#', spec, 'settings.py', 'add at the end; it replaces your CORS_* settings (pip install django-cors-headers).'),
    'if "corsheaders" not in INSTALLED_APPS:',
    '    INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]',
    '# CorsMiddleware first: before CommonMiddleware, auth and anything else that can answer.',
    'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *[m for m in MIDDLEWARE if m != "corsheaders.middleware.CorsMiddleware"]]',
    `CORS_ALLOWED_ORIGINS = [${q(spec.origin)}]  # never CORS_ALLOW_ALL_ORIGINS with credentials`,
    ...(spec.credentials ? ['CORS_ALLOW_CREDENTIALS = True'] : []),
    ...(extraMethods.length > 0
      ? ['from corsheaders.defaults import default_methods', `CORS_ALLOW_METHODS = (*default_methods, ${extraMethods.map(q).join(', ')})`]
      : []),
    ...(extraHeaders.length > 0
      ? ['from corsheaders.defaults import default_headers', `CORS_ALLOW_HEADERS = (*default_headers, ${extraHeaders.map(q).join(', ')})`]
      : []),
    ...(spec.problem === 'redirect-escape' ? ['# API views: return HttpResponse(status=401) instead of redirect_to_login() for fetch/XHR calls.'] : []),
  ].join('\n');
}
