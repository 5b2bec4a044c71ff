// Go + github.com/rs/cors: explicit AllowedOrigins (never "*", never an AllowOriginFunc that
// returns true); rs/cors answers preflights itself and adds Vary: Origin, but only for what it
// wraps, so it must wrap the outermost handler, outside any auth middleware
// (https://github.com/rs/cors#usage). Written as one statement for main(), after the last wrap.
import type { SnippetSpec } from '../plan';
import { intro, methodsWith, NO_SAFE_ORIGIN, placeholder, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
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
    `\tAllowedOrigins:   []string{${q(spec.origin)}}, // exact origins; never "*"`,
    `\tAllowCredentials: ${spec.credentials ? 'true' : 'false'},`,
    `\tAllowedMethods:   []string{${methodsWith(spec).map(q).join(', ')}},`,
    `\tAllowedHeaders:   []string{${spec.headers.map(q).join(', ')}},`,
    '}).Handler(handler)',
    ...(spec.problem === 'redirect-escape'
      ? ['// In your auth middleware, for API calls: http.Error(w, "login required", http.StatusUnauthorized), not http.Redirect.']
      : []),
  ].join('\n');
}
