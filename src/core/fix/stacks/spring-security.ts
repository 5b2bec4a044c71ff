// Spring Security: http.cors(...) puts a CorsFilter in the security chain, before authentication, so
// preflights (which carry no cookies) are answered instead of getting 401; it reads the
// CorsConfigurationSource bean. https://docs.spring.io/spring-security/reference/servlet/integrations/cors.html
import type { SnippetSpec } from '../plan';
import { advice, intro, methodsWith, NO_SAFE_ORIGIN, pathScope, placeholder, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const scope = pathScope(spec.path);
  const redirect = spec.problem === 'redirect-escape';
  return [
    ...intro(
      '//',
      spec,
      'src/main/java/com/example/SecurityConfig.java',
      'add the corsConfigurationSource bean and the http.cors(...) line to your existing SecurityFilterChain; keep your authorizeHttpRequests rules.',
    ),
    `package com.example; // ${placeholder('your package')}`,
    '',
    'import java.util.List;',
    'import org.springframework.context.annotation.Bean;',
    'import org.springframework.context.annotation.Configuration;',
    ...(redirect ? ['import org.springframework.http.HttpStatus;'] : []),
    'import org.springframework.security.config.Customizer;',
    'import org.springframework.security.config.annotation.web.builders.HttpSecurity;',
    'import org.springframework.security.web.SecurityFilterChain;',
    ...(redirect ? ['import org.springframework.security.web.authentication.HttpStatusEntryPoint;'] : []),
    'import org.springframework.web.cors.CorsConfiguration;',
    'import org.springframework.web.cors.CorsConfigurationSource;',
    'import org.springframework.web.cors.UrlBasedCorsConfigurationSource;',
    '',
    '@Configuration',
    'public class SecurityConfig {',
    '    @Bean',
    '    CorsConfigurationSource corsConfigurationSource() {',
    '        CorsConfiguration config = new CorsConfiguration();',
    `        config.setAllowedOrigins(List.of(${q(spec.origin)})); // exact; never "*" or setAllowedOriginPatterns(List.of("*"))`,
    ...(spec.credentials ? ['        config.setAllowCredentials(true);'] : []),
    `        config.setAllowedMethods(List.of(${methodsWith(spec).map(q).join(', ')}));`,
    ...(spec.headers.length > 0 ? [`        config.setAllowedHeaders(List.of(${spec.headers.map(q).join(', ')}));`] : []),
    '        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();',
    `        source.registerCorsConfiguration(${q(`${scope}/**`)}, config);`,
    '        return source;',
    '    }',
    '',
    '    @Bean',
    '    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {',
    '        // CorsFilter before authentication: preflights are answered, errors carry the headers.',
    '        http.cors(Customizer.withDefaults());',
    ...(redirect
      ? [
          '        // API calls get 401 instead of a redirect to the login page (pages keep the redirect).',
          '        http.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(',
          '            new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),',
          `            request -> request.getRequestURI().startsWith(${q(`${scope}/`)})));`,
        ]
      : []),
    '        // … your authorizeHttpRequests(...), formLogin(...) etc. stay here',
    '        return http.build();',
    '    }',
    '}',
    ...advice('//', spec.problem, {
      'preflight-redirect': 'requiresChannel()/requiresSecure() and login redirects also hit OPTIONS: call the https:// URL the controller maps.',
      'duplicate-origin': '…and remove the CORS headers a proxy or gateway adds for these paths, and any @CrossOrigin that disagrees.',
    }),
  ].join('\n');
}
