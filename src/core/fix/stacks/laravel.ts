// Laravel: the HandleCors middleware (global by default since Laravel 9) reads config/cors.php and
// answers preflights before route middleware such as auth. 'allowed_origins' => ['*'] with
// 'supports_credentials' => true echoes any Origin (fruitcake/php-cors), so list exact origins.
// With exactly one listed origin it sends that origin to every caller and no Vary: Origin
// (CorsService::configureAllowedOrigin), so the snippet adds an exact pattern: HandleCors then checks
// the Origin, echoes it only on a match, and adds Vary: Origin. https://laravel.com/docs/routing#cors
import type { SnippetSpec } from '../plan';
import { advice, intro, methodsWith, NO_SAFE_ORIGIN, pathScope, regexEscape, sq } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `<?php // ${NO_SAFE_ORIGIN}`;
  const scope = pathScope(spec.path).slice(1);
  const [first, ...rest] = intro('//', spec, 'config/cors.php', 'replace the whole file (Laravel 11+: php artisan config:publish cors creates it).');
  return [
    `<?php ${first}`,
    ...rest,
    '',
    'return [',
    `    'paths' => [${sq(scope === '' ? '*' : `${scope}/*`)}],`,
    `    'allowed_methods' => [${methodsWith(spec).map(sq).join(', ')}],`,
    `    'allowed_origins' => [${sq(spec.origin)}], // exact origins; never '*' with supports_credentials`,
    `    'allowed_origins_patterns' => [${sq(`#\\A${regexEscape(spec.origin)}\\z#`)}], // the same origin, exactly: makes HandleCors send Vary: Origin`,
    `    'allowed_headers' => [${spec.headers.map(sq).join(', ')}],`,
    "    'exposed_headers' => [],",
    "    'max_age' => 0,",
    `    'supports_credentials' => ${spec.credentials ? 'true' : 'false'},`,
    '];',
    ...advice('//', spec.problem, {
      'preflight-status':
        'HandleCors must stay in the global middleware (bootstrap/app.php or app/Http/Kernel.php $middleware), not a route group, so it answers before auth.',
      'preflight-redirect': 'public/.htaccess redirects trailing slashes (RewriteRule ^(.*)/$ … [R=301]): call the URL without the trailing slash.',
      'redirect-escape': [
        'A guest gets 401 JSON instead of a redirect to the login page when the call sends Accept: application/json,',
        `or for every API path (Laravel 11+, bootstrap/app.php): ->withExceptions(fn ($exceptions) => $exceptions->shouldRenderJsonWhen(fn ($request) => $request->is(${sq(scope === '' ? '*' : `${scope}/*`)})))`,
      ],
      'duplicate-origin': '…and remove the CORS headers nginx/Apache add (add_header / Header set) for these paths.',
    }),
  ].join('\n');
}
