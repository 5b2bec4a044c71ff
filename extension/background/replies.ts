// What the one-shot read messages answer: the stored data plus what is rendered from it at reply
// time, never stored (docs/message-api.md): every stack's snippet from each fix's spec, and each
// error's words in every engine from its record. External tools keep reading `fix.snippets`.
import { serverFixes, type SeenRequest } from '../../src/core/fix/server';
import { snippets } from '../../src/core/fix/stacks/index';
import { messagesOf } from '../../src/core/validate';
import type { FindingReply, ServerFixReply, TabFinding } from '../../src/messages';

/** One stored finding as `cors/findings` answers it. An unexplained block names no change: no snippets. */
export function findingReply(f: TabFinding): FindingReply {
  const rendered = f.unexplained ? {} : snippets(f.fix.spec);
  const messages = messagesOf(f);
  return { ...f, ...(messages ? { messages } : {}), fix: { ...f.fix, snippets: rendered } };
}

/** The `cors/server-fixes` answer: one merged fix per API origin, over the stored findings and the passing requests seen. */
export function serverFixesReply(findings: readonly TabFinding[], passing: readonly SeenRequest[]): { servers: ServerFixReply[] } {
  return { servers: serverFixes([...findings, ...passing]).map((s) => ({ ...s, fix: { ...s.fix, snippets: snippets(s.fix.spec) } })) };
}
