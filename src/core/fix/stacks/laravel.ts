// Laravel: the HandleCors middleware (global by default since Laravel 9) reads config/cors.php and
// answers preflights before route middleware such as auth. 'allowed_origins' => ['*'] with
// 'supports_credentials' => true echoes any Origin (fruitcake/php-cors), so list exact origins.
// With exactly one listed origin it sends that origin to every caller and no Vary: Origin
// (CorsService::configureAllowedOrigin), so the snippet adds exact patterns too: HandleCors then
// checks the Origin, echoes it only on a match, and adds Vary: Origin. https://laravel.com/docs/routing#cors
// Every string is single-quoted: PHP runs $x and {$x} inside double quotes.
// Cookies: config/session.php.
import type { CookieSpec, SnippetSpec } from '../plan';
import { advice, intro, KEEP_CREDENTIALS, methodsWith, originsOf, regexEscape, renderer, scopeOf, sq, sqList } from './shared';

function cors(spec: SnippetSpec): string {
  const scope = scopeOf(spec).slice(1);
  const paths = sq(scope === '' ? '*' : `${scope}/*`);
  const origins = originsOf(spec);
  const [first, ...rest] = intro('//', spec, 'config/cors.php', 'replace the whole file (Laravel 11+: php artisan config:publish cors creates it).');
  return [
    `<?php ${first}`,
    ...rest,
    '',
    'return [',
    `    'paths' => [${paths}],`,
    `    'allowed_methods' => ${sqList(methodsWith(spec))},`,
    `    'allowed_origins' => ${sqList(origins)}, // exact origins; never '*' with supports_credentials`,
    `    'allowed_origins_patterns' => ${sqList(origins.map((o) => `#\\A${regexEscape(o)}\\z#`))}, // the same origins, exactly: makes HandleCors send Vary: Origin`,
    `    'allowed_headers' => ${sqList(spec.headers)},`,
    `    'exposed_headers' => ${sqList(spec.expose)},`,
    "    'max_age' => 0,",
    spec.credentials ? "    'supports_credentials' => true," : `    // ${KEEP_CREDENTIALS} ('supports_credentials' => true)`,
    '];',
    ...advice('//', spec, {
      'preflight-status':
        'HandleCors must stay in the global middleware (bootstrap/app.php or app/Http/Kernel.php $middleware), not a route group, so it answers before auth.',
      'preflight-redirect': 'public/.htaccess redirects trailing slashes (RewriteRule ^(.*)/$ … [R=301]): call the URL without the trailing slash.',
      'redirect-escape': [
        'A guest gets 401 JSON instead of a redirect to the login page when the call sends Accept: application/json,',
        `or for every API path (Laravel 11+, bootstrap/app.php): ->withExceptions(fn ($exceptions) => $exceptions->shouldRenderJsonWhen(fn ($request) => $request->is(${paths})))`,
      ],
      'duplicate-origin': '…and remove the CORS headers nginx/Apache add (add_header / Header set) for these paths.',
    }),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '// In config/session.php (or the SESSION_* entries of .env): these entries of the returned array.',
    `'cookie' => ${sq(k.name)},`,
    `'path' => ${sq(k.path)},`,
    "'secure' => true,",
    "'http_only' => true,",
    `'same_site' => ${sq(k.sameSite.toLowerCase())},`,
    ...(k.partitioned ? ["'partitioned' => true, // Laravel ≥ 11"] : []),
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
