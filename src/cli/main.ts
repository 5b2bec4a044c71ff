// The `cors-inspector` command: check, audit, har and explain, over the extension's validator
// (src/core). Exit status: 0 allowed / no hole, 1 blocked / a hole (or a warning with --strict),
// 2 usage or network error, always with one line on stderr. Every output goes through output.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import { HELP, parse, UsageError, type Parsed } from './args';
import { audit, renderAudit } from './audit';
import { check, type CheckOptions } from './check';
import { configExit, readConfig, runCases } from './config';
import { casesJson, junitXml, renderCases } from './contract';
import { renderExplanation, runExplain } from './explain';
import { HarError, judgeHar, readHar, type HarJudged, type Progress } from './har';
import { harServers, renderServers, serversJson } from './servers';
import { NetworkError } from './http';
import { errorLine, jsonPieces, jsonText, progressLine, quietOnBrokenPipe, terminalText, writePieces, type Sink } from './output';
import { exitCode, findingJson, renderJudged, verdictOf } from './render';
import { paint, safe, styleFor, type Style } from './style';

/** What a command produced: text for the terminal, or data for --json; and its exit status. */
interface Outcome {
  text?: string;
  data?: unknown;
  /** Output already made safe (terminalText, jsonText), in pieces: `har`'s can be tens of megabytes. */
  pieces?: string[];
  code: number;
}

/** Where a command writes; `now` is the clock of the progress line (a test's stands still or jumps). */
export interface Io {
  out: Sink;
  err: Sink;
  now?: () => number;
}

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const style = styleFor(io.out);
  let outcome: Outcome;
  try {
    const args = parse(argv);
    if (args.command === 'help') outcome = { text: HELP, code: argv.length === 0 ? 2 : 0 };
    else if (args.command === 'version') outcome = { text: `${version}\n`, code: 0 };
    else outcome = await run(args, style, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof NetworkError || err instanceof HarError) {
      errorLine(io.err, `${err.message}${err instanceof UsageError ? ' (see --help)' : ''}`);
      return 2;
    }
    // A bug of ours: still one line and exit 2, never a stack trace on a CI log.
    errorLine(io.err, `unexpected error: ${String((err as Error)?.message ?? err).slice(0, 300)}`);
    return 2;
  }
  if (outcome.pieces) writePieces(io.out, outcome.pieces);
  else io.out.write(outcome.data !== undefined ? jsonText(outcome.data) : terminalText(outcome.text ?? '', style.color));
  return outcome.code;
}

/** The entry point of bin/cors-inspector.js: process streams, exit status, broken pipes. */
export async function cli(): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) quietOnBrokenPipe(stream, () => undefined);
  process.exitCode = await main(process.argv.slice(2));
}

async function run(args: Parsed, style: Style, io: Io): Promise<Outcome> {
  if (args.command === 'explain') {
    const x = runExplain(args.target === '-' ? readStdin() : args.target, args.stack);
    return args.json ? { data: x, code: x.known ? 0 : 1 } : { text: renderExplanation(x, style, args.stack), code: x.known ? 0 : 1 };
  }
  if (args.command === 'check') return args.config !== undefined ? runConfig(args, style) : runCheck(args, style);
  if (args.command === 'audit') {
    const r = await audit({ url: args.target, origin: args.origin, headers: args.headers, timeoutMs: args.timeoutMs });
    const code = r.holes.length > 0 ? 1 : 0;
    if (args.json)
      return { data: { url: r.url, origin: r.origin, holes: r.holes, probes: r.probes, fix: { headers: r.fix.headers }, requests: r.requests }, code };
    return { text: renderAudit(r, style, args.stack), code };
  }
  return runHar(args, style, progressLine(io.err, io.now));
}

async function runCheck(args: Parsed, style: Style): Promise<Outcome> {
  const o: CheckOptions = {
    url: args.target,
    origin: args.origin,
    method: args.method,
    headers: args.headers,
    credentials: args.credentials,
    timeoutMs: args.timeoutMs,
    browser: args.browser,
    locationTrusted: args.locationTrusted,
    credentialHeaders: args.credentialHeaders,
  };
  const r = await check(o);
  const json = (x: typeof r) => ({
    verdict: verdictOf(x),
    ...(x.notes.length > 0 ? { notes: x.notes } : {}),
    findings: x.findings.map((f) => findingJson(f, x, args.stack)),
  });
  if (args.tryLines.length === 0) {
    const code = exitCode([r], args.strict);
    return args.json ? { data: json(r), code } : { text: renderJudged(r, style, args.stack), code };
  }
  // --try: the same probe again, with the lines set on every answer; the exit status is the trial's.
  const tried = await check({ ...o, patch: args.tryLines });
  const code = exitCode([tried], args.strict);
  if (args.json) return { data: { ...json(r), try: { lines: args.tryLines.map((h) => `${h.name}: ${h.value}`), ...json(tried) } }, code };
  const head = paint(style, 'bold', `With ${args.tryLines.length} --try line(s) set on every answer (the server's status codes stay its own):`);
  return {
    text: [
      renderJudged(r, style, args.stack),
      head,
      ...args.tryLines.map((h) => `  ${safe(h.name)}: ${safe(h.value)}`),
      '',
      renderJudged(tried, style, args.stack),
    ].join('\n'),
    code,
  };
}

async function runConfig(args: Parsed, style: Style): Promise<Outcome> {
  const cases = readConfig(readText(args.config!, 'the config'), args);
  const results = await runCases(cases, args);
  if (args.junit !== undefined) writeReport(args.junit, junitXml(results));
  const code = configExit(results);
  return args.json ? { data: casesJson(results), code } : { text: renderCases(results, style, args.stack), code };
}

/** `har`; `progress` is one clock for the whole command (reading, judging, merging, writing). */
function runHar(args: Parsed, style: Style, progress: Progress): Outcome {
  const entries = readHar(readText(args.target, 'the HAR'), progress);
  const judged = judgeHar(entries, args.credentialsGiven ? args.credentials : undefined, progress);
  const code = exitCode(judged, args.strict);
  // Identical requests share one judged report (judgeHar): each is rendered once.
  const once = <T>(render: (j: HarJudged) => T): ((j: HarJudged) => T) => {
    const done = new Map<HarJudged, T>();
    return (j) => done.get(j) ?? done.set(j, render(j)).get(j)!;
  };
  // Led by one fix per server: each request's own fix alone can break another's (servers.ts).
  progress('merging the fixes per server');
  const servers = harServers(judged, entries);
  const counted =
    <T>(what: string, f: (j: HarJudged, i: number) => T) =>
    (j: HarJudged, i: number) => {
      if (i % 1024 === 0) progress(`${what}: ${i} of ${judged.length}`);
      return f(j, i);
    };
  if (args.json) {
    const request = once((j) => ({
      verdict: verdictOf(j),
      error: j.error,
      credentialsEvidence: j.evidence,
      findings: j.findings.map((f) => findingJson(f, j, args.stack)),
    }));
    const requests = judged.map(counted('writing reports', request));
    return { pieces: [...jsonPieces({ servers: serversJson(servers) }, 'requests', requests)], code };
  }
  // Pieces made safe one by one: terminalText is character by character, and no piece splits a
  // colour code or a surrogate pair (each is a whole string of ours, or a line break).
  const text = (t: string): string => terminalText(t, style.color);
  const head = paint(style, 'bold', `${judged.length} request(s) failed CORS in ${safe(args.target)}`);
  const report = once((j: HarJudged) => text(harNote(j) + renderJudged(j, style, args.stack)));
  const numbered = judged.map(counted('writing reports', (j, i) => [text(`\n${paint(style, 'dim', `[failed-${i + 1}]`)} `), report(j)]));
  return { pieces: [text([head, '', ...renderServers(servers, style, args.stack)].join('\n')), ...numbered.flat()], code };
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

function writeReport(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as { code?: string }).code ?? (err as Error).message.split('\n')[0]}`);
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read stdin: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = `cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : ((err as Error).message.split('\n')[0] ?? '')}`;
    throw what === 'the HAR' ? new HarError(message) : new UsageError(message);
  }
}
