// The server stacks, with their UI labels, in the order the UI lists them: a file apart from the
// renderers (./index.ts), so a page can name the stacks without loading every stack's snippet code.
import type { StackId } from '../../types';

export const STACKS: readonly { id: StackId; label: string }[] = [
  { id: 'express', label: 'Express' },
  { id: 'fastify', label: 'Fastify' },
  { id: 'koa', label: 'Koa' },
  { id: 'hono', label: 'Hono' },
  { id: 'nestjs', label: 'NestJS' },
  { id: 'nextjs', label: 'Next.js' },
  { id: 'nginx', label: 'nginx' },
  { id: 'apache', label: 'Apache httpd' },
  { id: 'caddy', label: 'Caddy' },
  { id: 'django', label: 'Django' },
  { id: 'flask', label: 'Flask' },
  { id: 'fastapi', label: 'FastAPI' },
  { id: 'rails', label: 'Rails' },
  { id: 'go', label: 'Go (rs/cors)' },
  { id: 'spring', label: 'Spring MVC' },
  { id: 'spring-security', label: 'Spring Security' },
  { id: 'aspnet', label: 'ASP.NET Core' },
  { id: 'laravel', label: 'Laravel' },
];
