// The detail's first lines and the list's cause, for every rule and stage the recorded findings
// hold (test/fixtures/tab-findings.json, from the worker's run on the lab): one sentence per
// response the plan changes, in the browser's order, naming that response and what to do there.
import { describe, expect, it } from 'vitest';
import type { TabFinding } from '../../../src/messages';
import { actionSentences, causeWords, cliCommand, expandShorthand, shellWord } from '../../../src/ui/format';
import { markdownFor } from '../../../src/ui/report';
import { byRule, findings } from './fixtures';
import { validate } from '../../../src/core/validate';

/** One recorded finding per rule and stage. */
function perRuleAndStage(): TabFinding[] {
  const seen = new Map<string, TabFinding>();
  for (const f of findings()) if (!seen.has(`${f.rule} ${f.stage}`)) seen.set(`${f.rule} ${f.stage}`, f);
  return [...seen.values()];
}

describe('the first lines of a detail', () => {
  const all = perRuleAndStage();

  it('covers every rule and stage of the recording', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
  });

  it.each(all.map((f) => [`${f.rule} (${f.stage})`, f] as const))('%s: one sentence per response that changes, naming it and the change', (_, f) => {
    const changing = f.fix.steps.filter((s) => s.headers.length > 0 || s.remove?.length || s.status);
    const lines = actionSentences(f);
    expect(lines).toHaveLength(changing.length);
    changing.forEach((step, i) => {
      const line = lines[i]!;
      expect(line).toMatch(/^On the /);
      expect(line.endsWith('.')).toBe(true);
      if (step.stage === 'preflight') expect(line).toMatch(/^On the OPTIONS response/);
      else if (step.stage === 'redirect') expect(line).toMatch(/^On the \d{3} redirect/);
      else expect(line).toMatch(step.hop === 0 ? new RegExp(`^On the ${f.method} response`) : /^On the final response of /);
      const n = step.headers.length;
      if (n > 1) expect(line).toContain(`these ${n} headers`);
      if (n === 1) expect(line).toMatch(/this header/);
      if (step.status) expect(line).toContain(`answer ${step.status.to}`);
      if (step.status) expect(line).toContain(String(step.status.from));
      for (const name of step.remove ?? []) expect(line).toContain(`stop sending ${name}`);
    });
  });

  it('says "before auth" for a preflight answered 401, and "instead of redirecting" for one answered 301', () => {
    expect(actionSentences(byRule('preflight-status', 'preflight'))[0]).toBe(
      'On the OPTIONS response: answer 204 before auth (not 401), with these 5 headers.',
    );
    expect(actionSentences(byRule('preflight-redirect', 'preflight'))[0]).toMatch(
      /^On the OPTIONS response: answer 204 instead of redirecting \(301\), with these 5 headers; stop sending Location\.$/,
    );
  });

  it('a request without a preflight gets one sentence, for its own response', () => {
    const f = byRule('allow-credentials', 'response');
    expect(f.record.hops[0]!.preflight).toBeUndefined();
    expect(actionSentences(f)).toEqual([`On the ${f.method} response: send these 3 headers.`]);
  });

  it('an unexplained block names no change', () => {
    const f = { ...byRule('missing-allow-origin', 'response'), unexplained: true };
    expect(actionSentences(f)).toEqual(["No server change is known for this block: read the browser console's message for it."]);
  });
});

describe('the list cause', () => {
  it('names an auth layer in front of the preflight, whatever header the browser checked first', () => {
    const f = byRule('missing-allow-origin', 'preflight');
    const at401 = { ...f, status: 401 };
    expect(causeWords(at401).text).toBe('preflight answered 401 (auth before CORS?)');
    expect(causeWords(at401).title).toContain('no Access-Control-Allow-Origin header');
    expect(causeWords({ ...f, status: 405 }).text).toBe('preflight answered 405 (no OPTIONS route?)');
    expect(causeWords(byRule('preflight-status', 'preflight')).text).toBe('preflight answered 401 (auth before CORS?)');
  });

  it('keeps the rule cause at a 2xx, with the shorthand spelled out on hover', () => {
    const f = byRule('allow-credentials', 'response');
    expect(causeWords(f)).toEqual({ text: 'no ACAC header', title: 'no Access-Control-Allow-Credentials header' });
    expect(expandShorthand('PUT not in ACAM; x not in ACAH; ACAO')).toBe(
      'PUT not in Access-Control-Allow-Methods; x not in Access-Control-Allow-Headers; Access-Control-Allow-Origin',
    );
  });

  it('calls an error page without CORS headers what it likely is', () => {
    const f = { ...byRule('missing-allow-origin', 'response'), status: 500 };
    expect(causeWords(f).text).toBe('500 without CORS headers (error page skips CORS?)');
  });
});

describe('rough edges', () => {
  it('Markdown does not print "Credentials: credentials: …"', () => {
    const md = markdownFor(byRule('allow-credentials', 'response'), 'headers');
    expect(md).not.toMatch(/Credentials: credentials:/i);
    expect(md).toContain("- Sent with credentials: 'include'");
  });

  it('a request without a preflight is not told both responses need the header; a preflighted one is', () => {
    // The recorded requests judged again by today's validator (the recording's words predate the change).
    const explain = (f: TabFinding) => validate(f.record, 'chromium').find((x) => x.rule === 'allow-credentials')!.explanation;
    const simple = byRule('allow-credentials', 'response');
    expect(simple.record.hops[0]!.preflight).toBeUndefined();
    expect(explain(simple)).not.toContain('Both the preflight response and the actual response need it');
    expect(explain(byRule('allow-credentials', 'preflight'))).toContain('Both the preflight response and the actual response need it');
  });
});

describe('the cors-inspector command to re-check', () => {
  it('names the URL, origin, method and the page headers; never a secret; quotes what the shell would read', () => {
    const f = byRule('header-not-allowed', 'preflight');
    f.record.requestHeaders.push({ name: 'Authorization', value: 'Bearer s3cr3t' }, { name: 'X-Evil', value: "a'; rm -rf / #" });
    const cmd = cliCommand(f);
    expect(cmd).toMatch(/^cors-inspector check 'http:\/\/[^']+' --origin http:\/\/localhost:\d+ --method POST /);
    expect(cmd).not.toContain('s3cr3t');
    expect(cmd).toContain(`--header 'X-Evil: a'\\''; rm -rf / #'`);
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });
});
