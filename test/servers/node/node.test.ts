// Express + cors, Fastify + @fastify/cors, Koa + @koa/cors and Hono + @hono/node-server, each
// misconfigured as people do, run as real processes against Chromium with the extension: the
// finding quotes Chromium, its header lines and its pasted snippet each cure the call in one round,
// and an unlisted origin stays refused.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { proveCure, startBrowser, type ServersBrowser } from '../harness';
import { NODE_STACKS } from './cases';
import { nodeCase } from './node-app';

let b: ServersBrowser;
beforeAll(async () => {
  b = await startBrowser();
});
afterAll(async () => {
  await b?.close();
});

for (const { stack, spot, cases } of NODE_STACKS) {
  describe(stack, () => {
    for (const c of cases) {
      it(c.file, async () => {
        const kase = nodeCase(stack, c, spot, b.pageOrigin);
        try {
          await proveCure(b, kase);
        } finally {
          kase.cleanup();
        }
      });
    }
  });
}
