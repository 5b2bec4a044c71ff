import { describe, expect, it } from 'vitest';
import { exportJson, fixText, markdownFor, markdownReport } from '../../../src/ui/report';
import { MASK } from '../../../src/ui/format';
import type { TabFinding } from '../../../src/messages';
import { byRule, findings } from './fixtures';
import { readFileSync } from 'node:fs';
import { renderSnippet } from '../../../src/core/fix/stacks/index';
import type { RequestRecord } from '../../../src/core/types';
import { validate } from '../../../src/core/validate';

const webkitRuns = () =>
  (JSON.parse(readFileSync('test/fixtures/webkit.json', 'utf8')) as { scenarios: { id: string; mode: string; record: RequestRecord }[] }).scenarios;

// Secret values added to a recorded finding: the worker already redacts them, the UI must too.
function withSecrets() {
  const f = byRule('missing-allow-origin', 'preflight');
  f.record.requestHeaders.push({ name: 'Cookie', value: 'sid=s3cr3t' }, { name: 'Authorization', value: 'Bearer tok3n' });
  f.record.hops[0]!.preflight!.headers.push({ name: 'Set-Cookie', value: 'sid=n3w' });
  f.url = f.url + '&access_token=leak3d';
  return f;
}

describe('fix text and reports', () => {
  it('copies the exact header lines, or the chosen stack snippet', () => {
    const f = byRule('wildcard-origin', 'response');
    expect(fixText(f, 'headers')).toBe(f.fix.steps[0]!.headers.join('\n'));
    // A plan over several responses: each block under its response, status changes named.
    const p = byRule('preflight-status', 'preflight');
    expect(p.fix.steps.map((s) => s.stage)).toEqual(['preflight', 'response']);
    expect(fixText(p, 'headers')).toBe(
      [
        `On the preflight (OPTIONS) response (answer 204 instead of ${p.fix.steps[0]!.status!.from}):`,
        ...p.fix.steps[0]!.headers,
        '',
        'On the actual response:',
        ...p.fix.steps[1]!.headers,
      ].join('\n'),
    );
    expect(markdownFor(p, 'headers')).toContain(`- Status on the preflight (OPTIONS) response: answer 204 instead of ${p.fix.steps[0]!.status!.from}`);
    // A redirect the browser refused to follow: the step after it is named by where it points.
    const r = findings().find((x) => x.url.includes('/s/redirect-chain-no-cors/'))!;
    expect(r.fix.steps.map((s) => [s.stage, s.hop])).toEqual([
      ['redirect', 0],
      ['response', 1],
    ]);
    expect(r.record.hops).toHaveLength(1);
    const next = new URL(r.record.hops[0]!.url.replace('/0?', '/1?'));
    expect(fixText(r, 'headers')).toContain(`\n\nOn the actual response of ${next.host}${next.pathname}:\n`);
    expect(fixText(f, 'django')).toBe(renderSnippet(f.fix.spec, 'django'));
  });

  it("lists the other engines' words under the console sentence, rendered from the record and redacted", () => {
    const f = byRule('wildcard-origin', 'response');
    // A credential-like parameter in the URL the sentences quote (derived from the recording).
    f.record.hops[0]!.url += '&access_token=leak3d';
    f.url = f.record.hops[0]!.url;
    const md = markdownFor(f, 'headers');
    expect(md).toContain('In Firefox:\n\n```\nCross-Origin Request Blocked:');
    expect(md).toContain('In Safari:\n\n```\nCannot use wildcard in Access-Control-Allow-Origin');
    expect(md).not.toContain('In Chrome');
    expect(md).not.toContain('leak3d');
    const exported = (JSON.parse(exportJson([f])) as { findings: { messages: Record<string, string> }[] }).findings[0]!;
    expect(exported.messages.firefox).toContain('access_token=REDACTED');
    expect(Object.keys(exported.messages).sort()).toEqual(['chromium', 'firefox', 'webkit']);
  });

  it("says 'allowed' where another engine lets the request through (WebKit's recorded edge-acao-bare-cr, judged by Firefox)", () => {
    const run = webkitRuns().find((r) => r.id === 'edge-acao-bare-cr' && r.mode === 'broken')!;
    const [error] = validate(run.record, 'firefox');
    const f = { ...byRule('wildcard-origin', 'response'), ...error!, record: run.record };
    const md = markdownFor(f, 'headers');
    expect(md).toContain('In Chrome: allowed.');
    expect(md).toContain('In Safari:\n\n```\n');
  });

  it('redacts secrets in Markdown and JSON exports', () => {
    const f = withSecrets();
    const md = markdownFor(f, 'headers');
    const json = exportJson([f]);
    for (const out of [md, json, markdownReport([f], 'express')]) {
      expect(out).not.toMatch(/s3cr3t|tok3n|n3w|leak3d/);
    }
    expect(md).toContain(f.message.split('?')[0]!.slice(0, 40));
    expect(JSON.parse(json).findings[0].record.requestHeaders).toContainEqual({ name: 'Cookie', value: MASK });
  });

  it('keeps request header values only for safelisted names, and strips secrets from redirect URLs and sentences', () => {
    const f = byRule('missing-allow-origin', 'preflight');
    f.record.requestHeaders.push({ name: 'X-Api-Key', value: 'k3y-value' }, { name: 'Content-Type', value: 'text/plain' });
    f.record.hops.push({ url: 'https://user:hunter2@api.example/next?code=0auth-c0de&page=2' });
    f.message = `${f.message} (redirected to 'https://user:hunter2@api.example/next?ACCESS_TOKEN=t0k')`;
    const json = exportJson([f]);
    const md = markdownReport([f], 'headers');
    for (const out of [json, md]) expect(out).not.toMatch(/k3y-value|hunter2|0auth-c0de|t0k/);
    const headers = JSON.parse(json).findings[0].record.requestHeaders;
    expect(headers).toContainEqual({ name: 'X-Api-Key', value: '(value not kept)' });
    expect(headers).toContainEqual({ name: 'Content-Type', value: 'text/plain' });
    const exported = JSON.parse(json) as { findings: TabFinding[] };
    expect(exported.findings[0]!.record.hops.at(-1)!.url).toBe('https://api.example/next?code=REDACTED&page=2');
  });

  it('renders any input: a value with 200,000 backtick runs does not overflow the argument list', () => {
    const f = byRule('missing-allow-origin', 'response');
    f.record.hops[0]!.response!.headers.push({ name: 'X-Evil', value: '`a'.repeat(200_000) + '``````' });
    const md = markdownFor(f, 'headers');
    expect(md).toContain('```````http');
  });

  it('keeps header values inside their code fence', () => {
    const f = byRule('missing-allow-origin', 'response');
    // A hostile value derived from a recorded finding: backticks would close a ``` fence.
    f.record.hops[0]!.response!.headers.push({ name: 'X-Evil', value: '```\n# pwned' });
    const md = markdownFor(f, 'headers');
    expect(md).toContain('````http');
  });

  it('reports failures and warnings in separate sections', () => {
    const md = markdownReport(findings(), 'headers', Date.UTC(2026, 10, 27));
    expect(md.indexOf('## Failures')).toBeLessThan(md.indexOf('## Warnings'));
    expect(md).toContain('2026-11-27T00:00:00.000Z');
  });
});
