// The fix forms the stack selector offers: the plain header lines, or one server stack's snippet.
import { STACKS } from '../core/fix/stacks/list';
import type { StackId } from '../core/types';

export type StackChoice = StackId | 'headers';

export const STACK_CHOICES: readonly { id: StackChoice; label: string }[] = [{ id: 'headers', label: 'Plain headers' }, ...STACKS];

/** How the selector groups the stacks: by language, with the proxies and web servers apart. */
export const STACK_GROUPS: readonly { label: string; ids: readonly StackId[] }[] = [
  { label: 'Node.js', ids: ['express', 'fastify', 'koa', 'hono', 'nestjs', 'nextjs'] },
  { label: 'Proxies and web servers', ids: ['nginx', 'apache', 'caddy'] },
  { label: 'Python', ids: ['django', 'flask', 'fastapi'] },
  { label: 'Ruby', ids: ['rails'] },
  { label: 'Go', ids: ['go'] },
  { label: 'Java', ids: ['spring', 'spring-security'] },
  { label: '.NET', ids: ['aspnet'] },
  { label: 'PHP', ids: ['laravel'] },
];

export function isStackChoice(v: unknown): v is StackChoice {
  return STACK_CHOICES.some((c) => c.id === v);
}

export function stackLabel(id: StackChoice): string {
  return STACK_CHOICES.find((c) => c.id === id)?.label ?? id;
}

/** Remembered preferences (chrome.storage.local in the extension, a Map in tests). */
export interface Prefs {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): void;
}

export const STACK_PREF = 'cors.stack';

export function memoryPrefs(init: Record<string, unknown> = {}): Prefs & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(init));
  return { data, get: async (k) => data.get(k), set: (k, v) => void data.set(k, v) };
}
