// `har` benchmark: a generated DevTools-like HAR of about 50 MB (BENCH_HAR_MB to change it):
// ordinary GETs with bodies, failed credentialed fetches, preflighted PUTs and redirect chains,
// half of the failures to a handful of URLs (look-ups by URL are crowded, and identical requests
// share one report) and half unique. Timed: reading the file and JSON.parse alone (the floor),
// then what `cors-inspector har` does, text and --json (read, judge, merge, render, write), and the
// whole command as a child process, with its peak memory next to that of JSON.parse alone. Linear
// time means the ratio to JSON.parse stays small as the file grows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeHar, readHar } from '../../src/cli/har';
import { main } from '../../src/cli/main';
import type { BenchRow } from './core';

const APP = 'https://app.example.com';
const API = 'https://api.example.com';
const h = (name: string, value: string) => ({ name, value });

/** Filler shaped like a JSON body, different in every entry. */
const body = (i: number, size: number): string =>
  JSON.stringify({ id: i, items: Array.from({ length: Math.max(1, size >> 6) }, (_, k) => ({ k, v: `value-${i}-${k}-${(i * 7919 + k) % 100003}` })) });

function entry(
  i: number,
  method: string,
  url: string,
  status: number,
  responseHeaders: { name: string; value: string }[],
  extra: Record<string, unknown> = {},
  size = 0,
) {
  return {
    startedDateTime: new Date(1_700_000_000_000 + i * 10).toISOString(),
    time: 12.5,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: [h('Origin', APP), h('Accept', '*/*'), h('Cookie', `sid=${i}`), h('User-Agent', 'Mozilla/5.0 bench')],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: responseHeaders,
      cookies: [],
      content: { size, mimeType: 'application/json', text: size > 0 ? body(i, size) : '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: size,
    },
    cache: {},
    timings: { send: 0.1, wait: 10, receive: 2.4 },
    _resourceType: 'fetch',
    ...extra,
  };
}

/** Entries in page order until the JSON text reaches `bytes`. */
export function generateHar(bytes: number): string {
  const entries: unknown[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    // Half the failures repeat one of 40 URLs (polling, one endpoint per page load), half are unique.
    const kind = i % 10;
    const path = `${API}/v1/items/${i % 40}${i % 20 === 6 || i % 20 === 8 ? `?page=${i}` : ''}`;
    const added: ReturnType<typeof entry>[] = [];
    if (kind < 6)
      added.push(
        entry(
          i,
          'GET',
          path,
          200,
          [h('Access-Control-Allow-Origin', APP), h('Access-Control-Allow-Credentials', 'true'), h('Vary', 'Origin')],
          {},
          4096 + (i % 13) * 512,
        ),
      );
    else if (kind < 8) added.push(entry(i, 'GET', path, 0, [h('Access-Control-Allow-Origin', '*')]));
    else if (kind === 8) {
      const preflight = entry(i, 'OPTIONS', path, 204, [h('Access-Control-Allow-Origin', APP)], { _resourceType: 'preflight' });
      preflight.request.headers.push(h('Access-Control-Request-Method', 'PUT'), h('Access-Control-Request-Headers', 'content-type'));
      added.push(preflight, entry(i, 'PUT', path, 0, []));
    } else {
      const redirect = entry(i, 'GET', `${API}/old/${i % 40}`, 302, [
        h('Location', `${path}?from=old`),
        h('Access-Control-Allow-Origin', APP),
        h('Access-Control-Allow-Credentials', 'true'),
      ]);
      redirect.response.redirectURL = `${path}?from=old`;
      added.push(redirect, entry(i, 'GET', `${path}?from=old`, 0, [h('Access-Control-Allow-Origin', APP)]));
    }
    for (const e of added) {
      if (e.response.status === 0) Object.assign(e.response, { _error: 'net::ERR_FAILED' });
      entries.push(e);
      size += JSON.stringify(e).length + 1;
    }
  }
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'bench', version: '1' }, pages: [{ id: 'page_1', title: `${APP}/` }], entries } });
}

/** Wall and CPU seconds of `f` (CPU: every thread of this process, the GC's helpers included). */
async function timed(f: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  await f();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: (used.user + used.system) / 1e6 };
}

/** The best of three runs, wall and CPU each (a loaded machine only ever adds time). */
async function best(f: () => unknown): Promise<{ wall: number; cpu: number }> {
  const runs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 3; i++) runs.push(await timed(f));
  return { wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)) };
}

/** A child Node process under GNU time: wall and CPU seconds, peak RSS in MB. */
function child(args: string[]): { wall: number; cpu: number; peakMb: number; status: number | null } {
  const t = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const [user, system, kb] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall, cpu: user! + system!, peakMb: kb! / 1024, status: run.status };
}

export async function benchHar(): Promise<BenchRow[]> {
  const mb = Number(process.env.BENCH_HAR_MB ?? 50);
  const text = generateHar(mb * 1024 * 1024);
  const dir = mkdtempSync(join(tmpdir(), 'cci-bench-har-'));
  const file = join(dir, 'bench.har');
  writeFileSync(file, text);
  const entries = (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length;
  const judged = judgeHar(readHar(text));
  const parse = await best((): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown);
  // What the command does once started: read, judge, merge the fixes per server, render, write
  // (to a sink that keeps nothing).
  const sink = { write: () => true };
  const command = (...flags: string[]) => best(() => main(['har', file, ...flags], { out: sink, err: sink }));
  const asText = await command();
  const asJson = await command('--json');
  // The command itself, as CI runs it (start-up included), and JSON.parse alone in a process: peak RSS.
  const whole = child(['bin/cors-inspector.js', 'har', file, '--json']);
  const floor = child(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
  rmSync(dir, { recursive: true, force: true });
  const ratio = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(2)} s, ${(r.wall / parse.wall).toFixed(1)}x (CPU ${(r.cpu / parse.cpu).toFixed(1)}x)`;
  console.log(
    `har: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${entries} entries, ${judged.length} failed requests judged (${new Set(judged).size} distinct). ` +
      `read + JSON.parse ${parse.wall.toFixed(2)} s (CPU ${parse.cpu.toFixed(2)} s); \`har\` ${ratio(asText)}; \`har --json\` ${ratio(asJson)} ` +
      `(best of 3; ratios to read + JSON.parse). The whole \`cors-inspector har --json\` ${whole.wall.toFixed(2)} s, CPU ${whole.cpu.toFixed(2)} s ` +
      `(${(whole.cpu / floor.cpu).toFixed(1)}x a process that only parses it), exit ${whole.status}, peak RSS ${whole.peakMb.toFixed(0)} MB ` +
      `(JSON.parse alone: ${floor.peakMb.toFixed(0)} MB)`,
  );
  return [
    {
      section: 'har',
      name: `\`har\`, ${mb} MB HAR (per entry)`,
      records: entries,
      opsPerSec: Math.round(entries / asText.wall),
      usPerOp: (asText.wall / entries) * 1e6,
    },
    {
      section: 'har',
      name: `\`har --json\`, ${mb} MB HAR (per entry)`,
      records: entries,
      opsPerSec: Math.round(entries / asJson.wall),
      usPerOp: (asJson.wall / entries) * 1e6,
    },
  ];
}
