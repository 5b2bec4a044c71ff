// Runtime.evaluate in any target of a Chromium (DevTools' own page, an extension frame inside it)
// through the browser's CDP session. Playwright lists neither as a page, and its CDPSession routes
// no flat child sessions: Target.attachToTarget without flatten, messages wrapped in
// Target.sendMessageToTarget (https://chromedevtools.github.io/devtools-protocol/tot/Target/).
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface Reply {
  result?: { result?: { value?: unknown }; exceptionDetails?: unknown; data?: string };
  error?: { message: string };
}

export function cdpTargets(session: CDPSession) {
  const send = (method: string, params: object = {}) => (session.send as (m: string, p: object) => Promise<unknown>)(method, params);
  let id = 0;
  const waiting = new Map<number, (m: Reply) => void>();
  (session.on as (e: string, fn: (p: { sessionId: string; message: string }) => void) => void)('Target.receivedMessageFromTarget', (p) => {
    const m = JSON.parse(p.message) as Reply & { id?: number };
    if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const sessions = new Map<string, string>();
  const call = async (targetId: string, method: string, params: object): Promise<Reply> => {
    let sessionId = sessions.get(targetId);
    if (!sessionId) {
      sessionId = ((await send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string }).sessionId;
      sessions.set(targetId, sessionId);
    }
    const mine = ++id;
    return new Promise<Reply>((resolve, reject) => {
      waiting.set(mine, resolve);
      send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method, params }) }).catch(reject);
    });
  };
  return {
    list: async () => ((await send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos,
    async evaluate<T>(targetId: string, expression: string): Promise<T> {
      const reply = await call(targetId, 'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (reply.error || reply.result?.exceptionDetails)
        throw new Error(`evaluate failed: ${JSON.stringify(reply.error ?? reply.result?.exceptionDetails).slice(0, 300)}`);
      return reply.result?.result?.value as T;
    },
    async screenshot(targetId: string, path: string): Promise<void> {
      const reply = await call(targetId, 'Page.captureScreenshot', { format: 'png' });
      writeFileSync(path, Buffer.from(reply.result!.data!, 'base64'));
    },
  };
}

export type CdpTargets = ReturnType<typeof cdpTargets>;
