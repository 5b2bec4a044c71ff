// Advice, not an error: a response that echoes one origin in Access-Control-Allow-Origin must say
// `Vary: Origin`, or a shared cache (CDN, proxy, the browser's HTTP cache) may serve it to another
// origin, which then fails intermittently. Fetch §3.2.5 "CORS protocol and HTTP caches".
import { varyCoversOrigin } from '../headers';
import { specFor } from '../fix/common';
import { varyLine } from '../fix/lines';
import { defineRule, oneCode } from '../rule';
import { cap, quote, stageName } from '../words';

export default defineRule({
  id: 'missing-vary-origin',
  severity: 'warning',
  stages: ['response', 'redirect'],
  code: oneCode('MissingVaryOrigin'),
  preflightPrefix: false,
  summary: 'an echoed origin is sent without Vary: Origin',
  reason: {
    chromium: () => "The response names the page's origin in Access-Control-Allow-Origin but has no 'Vary: Origin'; caches may serve it to another origin.",
  },
  check: (ctx) => {
    const v = ctx.h.allowOrigin;
    if (v === undefined || v === '*' || v !== ctx.origin || varyCoversOrigin(ctx.h.vary)) return undefined;
    return { hint: '', header: 'vary', cause: 'no Vary: Origin' };
  },
  explain: (ctx) =>
    `${cap(stageName(ctx))} allows ${ctx.origin} but sends Vary: ${quote(ctx.h.vary)}. When a server picks Access-Control-Allow-Origin from the request's Origin, a cache that ignores Origin can hand this response to a page on another origin, which then fails with a CORS error now and then. "Vary: Origin" tells caches to keep one copy per origin.`,
  fix: (ctx) => ({
    stage: ctx.stage,
    hop: ctx.hop,
    headers: [varyLine(ctx.h.vary)],
    notes: ['Add Origin to Vary on every response whose CORS headers depend on the Origin.'],
    spec: specFor(ctx, 'vary'),
  }),
});
