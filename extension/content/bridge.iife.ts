// ISOLATED world, document_start, every frame. Forwards the MAIN-world hook's hints to the worker.
// One synchronous file (crxjs builds `*.iife.ts` without its async loader), so the listener exists
// before the page's first script can call fetch. The page can dispatch this event too, so the
// worker treats what arrives as a hint (isPageHint) that can refine a record, never create one.
const HINT_EVENT = '__cors_inspector_hint__';

window.addEventListener(HINT_EVENT, (e) => {
  const detail: unknown = (e as CustomEvent).detail;
  if (typeof detail !== 'string' || detail.length > 10_000) return;
  let hint: unknown;
  try {
    hint = JSON.parse(detail);
  } catch {
    return;
  }
  try {
    // No reply is expected; a worker waking up or an extension reload must not surface errors.
    chrome.runtime.sendMessage({ type: 'cors/page-hint', hint }).catch(() => {});
  } catch {
    // extension context invalidated (reloaded): nothing to do
  }
});
