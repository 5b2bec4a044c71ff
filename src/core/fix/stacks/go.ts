// Go + github.com/rs/cors: explicit AllowedOrigins (never "*", never an AllowOriginFunc that
// returns true); rs/cors answers preflights itself and adds Vary: Origin, but only for what it
// wraps, so it must wrap the outermost handler, outside any auth middleware
// (https://github.com/rs/cors#usage). Written as one statement for main(), after the last wrap.
// Cookies: net/http's http.Cookie.
import type { CookieSpec, SnippetSpec } from '../plan';
import { has, intro, KEEP_CREDENTIALS, methodsWith, originsOf, placeholder, q, renderer } from './shared';

const goList = (xs: readonly string[]) => `[]string{${xs.map(q).join(', ')}}`;

function cors(spec: SnippetSpec): string {
  return [
    ...intro(
      '//',
      spec,
      'main.go',
      'replace your cors.New(...)/cors.AllowAll() wrap; this goes in main() after your last handler wrap (auth), right before http.ListenAndServe.',
    ),
    '// Needs import "github.com/rs/cors" (go get github.com/rs/cors).',
    `// ${placeholder('handler is the http.Handler you pass to http.ListenAndServe')}`,
    'handler = cors.New(cors.Options{',
    `\tAllowedOrigins:   ${goList(originsOf(spec))}, // exact origins; never "*"`,
    spec.credentials ? '\tAllowCredentials: true,' : `\t// ${KEEP_CREDENTIALS}`,
    `\tAllowedMethods:   ${goList(methodsWith(spec))},`,
    `\tAllowedHeaders:   ${goList(spec.headers)},`,
    ...(spec.expose.length > 0 ? [`\tExposedHeaders:   ${goList(spec.expose)},`] : []),
    '}).Handler(handler)',
    ...(has(spec, 'redirect-escape')
      ? ['// In your auth middleware, for API calls: http.Error(w, "login required", http.StatusUnauthorized), not http.Redirect.']
      : []),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return [
    '// In the handler that sets the cookie (the login): net/http.',
    'http.SetCookie(w, &http.Cookie{',
    `\tName:     ${q(k.name)},`,
    '\tValue:    value,',
    `\tPath:     ${q(k.path)},`,
    '\tSecure:   true,',
    '\tHttpOnly: true,',
    `\tSameSite: http.SameSite${k.sameSite}Mode,`,
    ...(k.partitioned ? ['\tPartitioned: true, // Go ≥ 1.23'] : []),
    '})',
  ].join('\n');
}

export const render = renderer('//', cors, cookie);
