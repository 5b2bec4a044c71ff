// The shape of what the worker keeps in storage.session, versioned. A worker of a newer build may
// wake up to findings an older build stored (storage.session outlives a worker, and on some
// browsers an update): those are dropped cleanly before the store reads them, rather than handed
// to a panel that expects another shape. Version 2: findings are plain data (a fix is `{ steps,
// notes, spec }`, no rendered snippets, no stored `messages`), and passing requests are kept
// (passing.ts).
import type { SessionArea } from './store';

export const SHAPE_KEY = 'shape';
export const SHAPE = 2;

/** Removes every key an older shape stored (everything but the version), then records the version. */
export async function dropOlderShapes(area: SessionArea): Promise<string[]> {
  const all = await area.get(null);
  if (all[SHAPE_KEY] === SHAPE) return [];
  const old = Object.keys(all).filter((k) => k !== SHAPE_KEY);
  if (old.length > 0) await area.remove(old);
  await area.set({ [SHAPE_KEY]: SHAPE });
  return old;
}

/** storage.session as the store and the passing list see it: checked for its shape before the first use. */
export function versionedArea(area: SessionArea): SessionArea & { checked(): Promise<unknown> } {
  let checked: Promise<unknown> | undefined;
  const check = () => (checked ??= dropOlderShapes(area).catch((e: unknown) => console.error('[cors-inspector] shape', e)));
  return {
    /** Resolves once the shape is checked: a key written after that is not dropped as old. */
    checked: check,
    get: (keys) => check().then(() => area.get(keys)),
    set: (items) => check().then(() => area.set(items)),
    remove: (keys) => check().then(() => area.remove(keys)),
  };
}
