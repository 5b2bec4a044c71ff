// Go rs/cors: explicit AllowedOrigins; it always adds Vary: Origin and answers OPTIONS itself
// (unless OptionsPassthrough), so wrap it outside the auth middleware. Never AllowOriginFunc
// returning true, never cors.AllowAll() (turns credentials on for every origin).
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, intro, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  return [
    ...intro('//', spec, 'main.go', 'replace your CORS wrapper around the handler (go get github.com/rs/cors).'),
    '// import "github.com/rs/cors"',
    'c := cors.New(cors.Options{',
    `\tAllowedOrigins:   []string{${q(spec.origin)}}, // never "*" or an AllowOriginFunc that returns true`,
    ...(spec.credentials ? ['\tAllowCredentials: true,'] : []),
    `\tAllowedMethods:   []string{${methodsWith(spec).map(q).join(', ')}},`,
    ...(spec.headers.length > 0 ? [`\tAllowedHeaders:   []string{${spec.headers.map(q).join(', ')}},`] : []),
    '})',
    '// Outermost: preflights are answered before the auth middleware sees them.',
    'handler := c.Handler(authMiddleware(mux))',
    ...(spec.problem === 'redirect-escape' ? ['// In authMiddleware, for API calls: http.Error(w, "login required", http.StatusUnauthorized), not http.Redirect.'] : []),
  ].join('\n');
}
