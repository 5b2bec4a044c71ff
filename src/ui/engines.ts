// The other engines' words for a finding, rendered from its record by the validator (which a page
// loads with this file when a detail shows them, src/ui/lazy.ts).
import type { TabFinding } from '../messages';
import { ENGINES, type Browser } from '../core/message';
import { messagesOf } from '../core/validate';

const ENGINE_NAMES: Record<Browser, string> = { chromium: 'Chrome', firefox: 'Firefox', webkit: 'Safari' };

/**
 * The other engines' words for a CORS error, for "In Firefox" / "In Safari" lines (null: that
 * engine would let the page read the response), rendered from the stored record where shown
 * (engineMessages). The current engine is the one whose sentence is the finding's own `message`,
 * so the Firefox build lists Chrome and Safari. Warnings, cookie findings and unexplained blocks
 * have none.
 */
export function otherEngines(
  f: Pick<TabFinding, 'message' | 'severity' | 'record' | 'kind' | 'unexplained'>,
): Array<{ engine: Browser; label: string; text: string | null }> {
  const m = messagesOf(f);
  if (m === undefined) return [];
  const own = ENGINES.find((b) => m[b] === f.message) ?? 'chromium';
  return ENGINES.filter((b) => b !== own).map((engine) => ({
    engine,
    label: `In ${ENGINE_NAMES[engine]}`,
    text: typeof m[engine] === 'string' ? m[engine] : null,
  }));
}
