// The server stacks we write snippets for: one file per stack, each exporting render(spec) for both
// kinds of spec (a CORS change, a cookie's attributes): adding a stack is one file here, its test,
// one line in ./list.ts (its label) and one in RENDER below.
import type { StackId } from '../../types';
import type { FixSpec } from '../plan';
import { STACKS } from './list';
import * as apache from './apache';
import * as aspnet from './aspnet';
import * as caddy from './caddy';
import * as django from './django';
import * as express from './express';
import * as fastapi from './fastapi';
import * as fastify from './fastify';
import * as flask from './flask';
import * as go from './go';
import * as hono from './hono';
import * as koa from './koa';
import * as laravel from './laravel';
import * as nestjs from './nestjs';
import * as nextjs from './nextjs';
import * as nginx from './nginx';
import * as rails from './rails';
import * as spring from './spring';
import * as springSecurity from './spring-security';

export { STACKS };

const RENDER: Record<StackId, (spec: FixSpec) => string> = {
  express: express.render,
  fastify: fastify.render,
  koa: koa.render,
  hono: hono.render,
  nestjs: nestjs.render,
  nextjs: nextjs.render,
  nginx: nginx.render,
  apache: apache.render,
  caddy: caddy.render,
  django: django.render,
  flask: flask.render,
  fastapi: fastapi.render,
  rails: rails.render,
  go: go.render,
  spring: spring.render,
  'spring-security': springSecurity.render,
  aspnet: aspnet.render,
  laravel: laravel.render,
};

/** The one way a snippet is made: from a finding's (or a server's merged) spec, where it is shown. */
export function renderSnippet(spec: FixSpec, stack: StackId): string {
  return RENDER[stack](spec);
}

/** Every stack's snippet, keyed by stack (for messages and exports that carry all of them). */
export function snippets(spec: FixSpec): Record<StackId, string> {
  const out = {} as Record<StackId, string>;
  for (const { id } of STACKS) out[id] = RENDER[id](spec);
  return out;
}
