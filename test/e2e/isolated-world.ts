// Runs code in our content script's ISOLATED world of a page (where the bridge lives), through CDP:
// what a compromised renderer could send with the content script's identity.
import type { CDPSession, Page } from 'playwright-core';

export interface IsolatedWorld {
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

export async function isolatedWorld(page: Page, extensionId: string): Promise<IsolatedWorld> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  session.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await session.send('Runtime.enable');
  const ours = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith(`chrome-extension://${extensionId}`));
  for (let i = 0; i < 100 && !ours(); i++) await new Promise((r) => setTimeout(r, 50));
  const ctx = ours();
  if (!ctx) throw new Error(`no isolated world of ${extensionId}; contexts: ${JSON.stringify(contexts)}`);
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const r = await session.send('Runtime.evaluate', { expression, contextId: ctx.id, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as T;
    },
    detach: () => session.detach().catch(() => {}),
  };
}
