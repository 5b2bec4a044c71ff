// @vitest-environment happy-dom
// One fix per server in the panel: a section per API with the header lines per response kind or
// the chosen stack's snippet, a link from each finding's detail, and the Markdown report leading
// with them. Findings are the recorded ones (test/fixtures/tab-findings.json).
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { serverFixes } from '../../../src/core/fix/server';
import { renderSnippet } from '../../../src/core/fix/stacks/index';
import { markdownReport } from '../../../src/ui/report';
import { serverFixText, serverLinesText, serverName, serverTitle } from '../../../src/ui/server-fixes';
import { STACK_PREF } from '../../../src/ui/stacks';
import { byRule, findings } from './fixtures';
import { renderPanel } from './harness';

afterEach(cleanup);

const blocks = () => screen.queryAllByTestId('server-fix');

describe('one fix per server in the panel', () => {
  it('shows one section per API the tab failed against, titled with how many requests it covers', async () => {
    const h = renderPanel();
    const servers = serverFixes(findings());
    await waitFor(() => expect(blocks()).toHaveLength(servers.length));
    expect(h.sent).toContainEqual({ type: 'server-fixes', tabId: h.store.tabId.value });
    const titles = screen.getAllByTestId('server-fix-title').map((t) => t.textContent);
    expect(titles).toEqual(servers.map(serverTitle));
    expect(titles[0]).toMatch(/^Fix for [\w.:-]+: covers \d+ requests$/);
    const first = servers[0]!;
    expect(first.requests.length).toBe(
      new Set(
        findings()
          .filter((f) => new URL(f.record.hops[0]!.url).origin === first.origin)
          .map((f) => f.requestId),
      ).size,
    );
    expect(screen.getAllByTestId('server-fix-text')[0]!.textContent).toBe(serverLinesText(first));
  });

  it('gives the header lines per response kind, and the chosen stack snippet rendered from the merged spec', async () => {
    renderPanel({ prefs: { [STACK_PREF]: 'express' } });
    const servers = serverFixes(findings());
    await waitFor(() => expect(blocks()).toHaveLength(servers.length));
    await waitFor(() => expect(screen.getAllByTestId('server-fix-text')[0]!.textContent).toBe(renderSnippet(servers[0]!.fix.spec, 'express')));
    const lines = serverFixText(servers[0]!, 'headers');
    expect(lines).toMatch(
      /^On every OPTIONS preflight response[^\n]*:\nAccess-Control-Allow-Origin: http:\/\/localhost:\d+\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: /,
    );
    expect(lines).toContain('\n\nOn every other response (2xx, 4xx and 5xx alike):\nAccess-Control-Allow-Origin: ');
    expect(lines).not.toMatch(/: \*$/m);
  });

  it('copies the server fix', async () => {
    const h = renderPanel();
    await waitFor(() => expect(blocks().length).toBeGreaterThan(0));
    fireEvent.click(screen.getAllByTestId('copy-server-fix')[0]!);
    await waitFor(() => expect(h.copied).toEqual([serverLinesText(serverFixes(findings())[0]!)]));
  });

  it("links each finding's detail to its server's fix", async () => {
    renderPanel();
    await waitFor(() => expect(blocks().length).toBeGreaterThan(0));
    const f = byRule('missing-allow-origin', 'response');
    fireEvent.input(screen.getByTestId('filter'), { target: { value: new URL(f.url).pathname } });
    fireEvent.mouseDown(screen.getAllByTestId('finding-row')[0]!);
    const link = screen.getByTestId('server-fix-link');
    const server = serverFixes(findings()).find((s) => s.origin === new URL(f.record.hops[0]!.url).origin)!;
    expect(link.textContent).toContain(serverTitle(server));
    const block = blocks().find((b) => b.getAttribute('data-origin') === server.origin) as HTMLDetailsElement;
    expect(block.open).toBe(false);
    fireEvent.click(link.querySelector('a')!);
    expect(block.open).toBe(true);
  });

  it('leads the Markdown report with the per-server fixes', () => {
    const all = findings();
    const md = markdownReport(all, 'headers', 0);
    const perServer = md.indexOf('## One fix per server');
    expect(perServer).toBeGreaterThan(0);
    expect(perServer).toBeLessThan(md.indexOf('## Failures'));
    for (const s of serverFixes(all))
      expect(md).toContain(`### Fix for ${serverName(s.origin).replace(/([\\`*_[\]<>|#])/g, '\\$1')}: covers ${s.requests.length} requests`);
    expect(md).toContain('```http\nOn every OPTIONS preflight response');
  });
});
