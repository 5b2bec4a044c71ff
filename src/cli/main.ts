// The `cors-inspector` command: check, audit and har, over the extension's validator (src/core).
// Exit status: 0 allowed / no hole, 1 blocked / a hole (or a warning with --strict), 2 usage or
// network error, always with one line on stderr.
import { readFileSync } from 'node:fs';
import { HELP, parse, UsageError, type Parsed } from './args';
import { audit, renderAudit } from './audit';
import { check } from './check';
import { renderExplanation, runExplain } from './explain';
import { HarError, judgeHar, readHar, type HarJudged } from './har';
import { NetworkError } from './http';
import { exitCode, findingJson, renderJudged, verdictOf } from './render';
import { paint, safe, styleFor } from './style';

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    const args = parse(argv);
    if (args.command === 'help') {
      io.out.write(HELP);
      return argv.length === 0 ? 2 : 0;
    }
    const text = await run(args, io.out);
    io.out.write(text.output);
    return text.code;
  } catch (err) {
    if (err instanceof UsageError || err instanceof NetworkError || err instanceof HarError) {
      io.err.write(`cors-inspector: ${safe(err.message)}${err instanceof UsageError ? ' (see --help)' : ''}\n`);
      return 2;
    }
    // A bug of ours: still one line and exit 2, never a stack trace on a CI log.
    io.err.write(`cors-inspector: unexpected error: ${safe(String((err as Error)?.message ?? err)).slice(0, 300)}\n`);
    return 2;
  }
}

async function run(args: Parsed, out: { isTTY?: boolean }): Promise<{ output: string; code: number }> {
  const style = styleFor(out);
  if (args.command === 'explain') {
    const x = runExplain(args.target === '-' ? readStdin() : args.target, args.stack);
    return { output: args.json ? `${JSON.stringify(x, null, 2)}\n` : renderExplanation(x, style, args.stack), code: x.known ? 0 : 1 };
  }
  if (args.command === 'check') {
    const r = await check({
      url: args.target,
      origin: args.origin,
      method: args.method,
      headers: args.headers,
      credentials: args.credentials,
      timeoutMs: args.timeoutMs,
      browser: args.browser,
    });
    const code = exitCode([r], args.strict);
    if (args.json) return { output: `${JSON.stringify({ verdict: verdictOf(r), findings: r.findings.map((f) => findingJson(f, r)) }, null, 2)}\n`, code };
    return { output: renderJudged(r, style, args.stack), code };
  }
  if (args.command === 'audit') {
    const r = await audit({ url: args.target, origin: args.origin, headers: args.headers, timeoutMs: args.timeoutMs });
    const code = r.holes.length > 0 ? 1 : 0;
    if (args.json)
      return {
        output: `${JSON.stringify({ url: r.url, origin: r.origin, holes: r.holes, probes: r.probes, fix: { headers: r.fix.headers }, requests: r.requests }, null, 2)}\n`,
        code,
      };
    return { output: renderAudit(r, style, args.stack), code };
  }
  const judged = judgeHar(readHar(readText(args.target)), args.credentialsGiven ? args.credentials : undefined);
  const code = exitCode(judged, args.strict);
  if (args.json) {
    const requests = judged.map((j) => ({
      verdict: verdictOf(j),
      error: j.error,
      credentialsEvidence: j.evidence,
      findings: j.findings.map((f) => findingJson(f, j)),
    }));
    return { output: `${JSON.stringify({ requests }, null, 2)}\n`, code };
  }
  const head = paint(style, 'bold', `${judged.length} request(s) failed CORS in ${safe(args.target)}`);
  return { output: [head, '', ...judged.map((j) => harNote(j) + renderJudged(j, style, args.stack))].join('\n'), code };
}

function harNote(j: HarJudged): string {
  const how = {
    cookie: 'a Cookie was sent',
    'storage-access': 'Sec-Fetch-Storage-Access was sent',
    'no-storage-access': 'not include: a cross-site request without Sec-Fetch-Storage-Access',
    outcome: 'only a credentialed request fails on these headers',
    assumed: 'assumed: the HAR does not say',
    option: '--credentials',
  }[j.evidence];
  return `${safe(j.error)} · credentials '${j.record.credentials}' (${how})\n`;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read stdin: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new HarError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : ((err as Error).message.split('\n')[0] ?? '')}`,
    );
  }
}
