// Spring MVC, global CORS through WebMvcConfigurer.addCorsMappings: explicit allowedOrigins +
// allowCredentials(true). allowedOrigins("*") with credentials throws (CorsConfiguration
// .validateAllowCredentials) and allowedOriginPatterns("*") reflects every origin.
// https://docs.spring.io/spring-framework/reference/web/webmvc-cors.html#mvc-cors-global
import type { SnippetSpec } from '../plan';
import { advice, intro, methodsWith, NO_SAFE_ORIGIN, pathScope, placeholder, q } from './shared';

export function render(spec: SnippetSpec): string {
  if (spec.origin === '') return `// ${NO_SAFE_ORIGIN}`;
  const chain = [
    `.allowedOrigins(${q(spec.origin)}) // exact origins; never "*" or allowedOriginPatterns("*")`,
    ...(spec.credentials ? ['.allowCredentials(true)'] : []),
    `.allowedMethods(${methodsWith(spec).map(q).join(', ')})`,
    ...(spec.headers.length > 0 ? [`.allowedHeaders(${spec.headers.map(q).join(', ')})`] : []),
  ];
  chain[chain.length - 1] = chain[chain.length - 1]!.replace(/^(\.[^/]*?)( \/\/.*)?$/, '$1;$2');
  return [
    ...intro(
      '//',
      spec,
      'src/main/java/com/example/WebConfig.java',
      'replace your addCorsMappings and any @CrossOrigin on the controllers (with Spring Security, use the spring-security snippet instead).',
    ),
    `package com.example; // ${placeholder('your package')}`,
    '',
    'import org.springframework.context.annotation.Configuration;',
    'import org.springframework.web.servlet.config.annotation.CorsRegistry;',
    'import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;',
    '',
    '@Configuration',
    'public class WebConfig implements WebMvcConfigurer {',
    '    @Override',
    '    public void addCorsMappings(CorsRegistry registry) {',
    `        registry.addMapping(${q(`${pathScope(spec.path)}/**`)})`,
    ...chain.map((l) => `            ${l}`),
    '    }',
    '}',
    ...advice('//', spec.problem, {
      'preflight-status': [
        'A servlet Filter or HandlerInterceptor that checks the login must let preflights through first:',
        'if (CorsUtils.isPreFlightRequest(request)) { return true; } // in preHandle (chain.doFilter(...) in a Filter)',
      ],
      'preflight-redirect': 'Call the exact URL the controller maps (https, no extra trailing slash): a redirect fails the preflight.',
      'redirect-escape': 'API calls: answer 401 (response.sendError(401)) instead of "redirect:/login".',
      'duplicate-origin': '…and remove the CORS headers the proxy or gateway adds (Spring skips its own when one is already set).',
    }),
  ].join('\n');
}
