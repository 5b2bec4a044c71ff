// Spring Security: http.cors(...) puts a CorsFilter in the security chain, before authentication, so
// preflights (which carry no cookies) are answered instead of getting 401; it reads the
// CorsConfigurationSource bean. https://docs.spring.io/spring-security/reference/servlet/integrations/cors.html
// Cookies: the same servlet session cookie properties as Spring MVC (spring.ts).
import type { CookieSpec, SnippetSpec } from '../plan';
import { advice, has, intro, KEEP_CREDENTIALS, methodsWith, originsOf, placeholder, q, renderer, scopeOf } from './shared';
import { args, sessionCookieProperties } from './spring';

/** The Java imports the class needs (the 401 entry point's only when API redirects are turned off). */
const imports = (redirect: boolean): string[] => [
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
];

function cors(spec: SnippetSpec): string {
  const scope = scopeOf(spec);
  const redirect = has(spec, 'redirect-escape');
  return [
    ...intro(
      '//',
      spec,
      'src/main/java/com/example/SecurityConfig.java',
      'add the corsConfigurationSource bean and the http.cors(...) line to your existing SecurityFilterChain; keep your authorizeHttpRequests rules.',
    ),
    `package com.example; // ${placeholder('your package')}`,
    '',
    ...imports(redirect),
    '',
    '@Configuration',
    'public class SecurityConfig {',
    '    @Bean',
    '    CorsConfigurationSource corsConfigurationSource() {',
    '        CorsConfiguration config = new CorsConfiguration();',
    `        config.setAllowedOrigins(List.of(${args(originsOf(spec))})); // exact; never "*" or setAllowedOriginPatterns(List.of("*"))`,
    spec.credentials ? '        config.setAllowCredentials(true);' : `        // ${KEEP_CREDENTIALS}`,
    `        config.setAllowedMethods(List.of(${args(methodsWith(spec))}));`,
    ...(spec.headers.length > 0 ? [`        config.setAllowedHeaders(List.of(${args(spec.headers)}));`] : []),
    ...(spec.expose.length > 0 ? [`        config.setExposedHeaders(List.of(${args(spec.expose)}));`] : []),
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
    ...advice('//', spec, {
      'preflight-redirect': 'requiresChannel()/requiresSecure() and login redirects also hit OPTIONS: call the https:// URL the controller maps.',
      'duplicate-origin': '…and remove the CORS headers a proxy or gateway adds for these paths, and any @CrossOrigin that disagrees.',
    }),
  ].join('\n');
}

function cookie(k: CookieSpec): string {
  return ['# In src/main/resources/application.properties (Spring Boot + Spring Security: the servlet session cookie):', ...sessionCookieProperties(k)].join(
    '\n',
  );
}

export const render = renderer('#', cors, cookie);
