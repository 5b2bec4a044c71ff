// Spring: explicit allowedOrigins + allowCredentials(true); never allowedOrigins("*") (throws) nor
// allowedOriginPatterns("*") (reflects every origin). With Spring Security, http.cors() so the
// CorsFilter answers preflights before authentication.
import type { SnippetSpec } from '../plan';
import { methodsWith, NO_SAFE_ORIGIN, problemNote, q } from './shared';

export function spring(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const note = problemNote(spec.problem);
  return [
    ...(note ? [`// ${note}`] : []),
    '@Bean',
    'CorsConfigurationSource corsConfigurationSource() {',
    '    CorsConfiguration config = new CorsConfiguration();',
    `    config.setAllowedOrigins(List.of(${q(spec.origin)})); // never "*" or allowedOriginPatterns("*")`,
    ...(spec.credentials ? ['    config.setAllowCredentials(true);'] : []),
    `    config.setAllowedMethods(List.of(${methodsWith(spec).map(q).join(', ')}));`,
    ...(spec.headers.length > 0 ? [`    config.setAllowedHeaders(List.of(${spec.headers.map(q).join(', ')}));`] : []),
    '    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();',
    '    source.registerCorsConfiguration("/**", config);',
    '    return source;',
    '}',
    '',
    '// Spring Security: CORS in the filter chain, so preflights are answered before authentication.',
    '@Bean',
    'SecurityFilterChain filterChain(HttpSecurity http) throws Exception {',
    '    http.cors(Customizer.withDefaults());',
    ...(spec.problem === 'redirect-escape'
      ? ['    // API calls: 401 instead of a redirect to the login page', '    http.exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));']
      : []),
    '    // … your authorizeHttpRequests(…) etc.',
    '    return http.build();',
    '}',
  ].join('\n');
}
