// django-cors-headers: CorsMiddleware as high as possible (before CommonMiddleware and anything that
// can answer first); explicit CORS_ALLOWED_ORIGINS; never CORS_ALLOW_ALL_ORIGINS with credentials.
import type { SnippetSpec } from '../plan';
import { NO_SAFE_ORIGIN, problemNote, q } from './shared';

export function django(spec: SnippetSpec): string {
  if (spec.origin === '') return `# ${NO_SAFE_ORIGIN}`;
  const note = problemNote(spec.problem);
  const extraMethods = spec.methods.filter((m) => !['GET', 'POST', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(m) && m !== '*');
  const extraHeaders = spec.headers.filter(
    (h) => !['accept', 'authorization', 'content-type', 'user-agent', 'x-csrftoken', 'x-requested-with'].includes(h),
  );
  return [
    '# settings.py  (pip install django-cors-headers)',
    ...(note ? [`# ${note}`] : []),
    'INSTALLED_APPS += ["corsheaders"]',
    'MIDDLEWARE = [',
    '    "corsheaders.middleware.CorsMiddleware",  # first: before CommonMiddleware, auth, WhiteNoise',
    '    # … the rest of your middleware',
    ']',
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
