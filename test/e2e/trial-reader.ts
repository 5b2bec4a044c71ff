// What the Chromium Try-fix tests read through one of our extension pages: the cors/try-fix
// message (docs/message-api.md), the session rules in place, and the stored trial of a tab.
import type { Page } from 'playwright-core';
import type { TrialState } from '../../src/messages';

export type TryFixReply = { ok: boolean; rules?: number; expires?: number; untried?: string[]; covered?: string[]; error?: string };

export function trialReader(reader: Page) {
  return {
    tryFix: (msg: object): Promise<TryFixReply> => reader.evaluate<TryFixReply, object>((m) => chrome.runtime.sendMessage(m), msg),
    sessionRules: () => reader.evaluate(() => chrome.declarativeNetRequest.getSessionRules()),
    trialOf: (tabId: number) =>
      reader.evaluate(
        async (t) => ((await chrome.storage.session.get('cors-trials'))['cors-trials'] as TrialState[] | undefined)?.find((x) => x.tabId === t) ?? null,
        tabId,
      ),
  };
}
