// Code a view loads when it first needs it, not when the page starts: Vite makes each import() a
// chunk of its own, which extension pages load like any module (the MV3 service worker cannot,
// so the worker keeps its static imports). Once loaded, a module stays: later renders read it at
// once, and a view that needs it before then shows what it has and renders again when it lands.
import { useEffect, useState } from 'preact/hooks';

export interface Lazy<T> {
  /** The module, once loaded. */
  get(): T | undefined;
  /** Loads it (once; every caller gets the same promise). */
  load(): Promise<T>;
}

export function lazy<T>(importer: () => Promise<T>): Lazy<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get: () => loaded,
    // A failed load (the extension was reloaded under an open page) is not kept: the next need tries again.
    load: () =>
      (loading ??= importer().then(
        (m) => (loaded = m),
        (e: unknown) => {
          loading = undefined;
          throw e;
        },
      )),
  };
}

/** The stack renderers (src/core/fix/stacks/index.ts), for a stack other than the plain headers. */
export const snippetsCode = lazy(() => import('../core/fix/stacks/index'));

/** The other engines' words, with the validator that renders them (./engines.ts), for a detail. */
export const enginesCode = lazy(() => import('./engines'));

/** The Markdown and JSON exports (./report.ts), with the renderers and the validator they use. */
export const reportCode = lazy(() => import('./report'));

/** What a fix's box says while its code loads. */
export const LOADING = 'Loading the snippet…';

/** The module, or undefined while it loads; `needed` false: not loaded for this render. */
export function useLazy<T>(code: Lazy<T>, needed = true): T | undefined {
  const [, landed] = useState(0);
  const got = code.get();
  useEffect(() => {
    if (!needed || got !== undefined) return;
    let live = true;
    code.load().then(
      () => live && landed((n) => n + 1),
      () => {}, // the view keeps what it shows; shown again (or another view that needs it), it tries again
    );
    return () => void (live = false);
  }, [code, needed, got]);
  return got;
}
