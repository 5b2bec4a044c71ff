// Validator benchmark: validations per second and µs per record over a realistic mix — every
// recorded lab scenario (broken and fixed) plus synthetic everyday traffic (mostly passing simple
// and preflighted requests, as a browsing session produces). Warm-up, several rounds, median.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RequestRecord } from '../../src/core/types';
import { validate } from '../../src/core/validate';

export interface BenchRow {
  section: string;
  name: string;
  records: number;
  opsPerSec: number;
  /** Median µs per operation over the rounds. */
  usPerOp: number;
  /** Fastest round, µs per operation (what the code can do when the machine is quiet). */
  bestUs?: number;
}

const APP = 'https://app.example.com';

function synthetic(i: number): RequestRecord {
  const api = `https://api.example.com/v1/items/${i}?page=${i % 7}`;
  const cors = [
    { name: 'Access-Control-Allow-Origin', value: APP },
    { name: 'Access-Control-Allow-Credentials', value: 'true' },
    { name: 'Vary', value: 'Origin, Accept-Encoding' },
  ];
  const common = [
    { name: 'Content-Type', value: 'application/json; charset=utf-8' },
    { name: 'Cache-Control', value: 'no-cache' },
    { name: 'Date', value: 'Fri, 27 Nov 2026 03:00:00 GMT' },
    { name: 'Server', value: 'nginx' },
    { name: 'ETag', value: `"${i}"` },
    { name: 'Content-Length', value: '512' },
  ];
  if (i % 3 === 0) {
    return {
      method: 'PUT',
      origin: APP,
      credentials: 'include',
      initiator: 'fetch',
      requestHeaders: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-CSRF-Token', value: 'abc' },
      ],
      hops: [
        {
          url: api,
          preflight: {
            status: 204,
            headers: [
              ...cors,
              { name: 'Access-Control-Allow-Methods', value: 'GET, POST, PUT, DELETE' },
              { name: 'Access-Control-Allow-Headers', value: 'Content-Type, X-CSRF-Token' },
              { name: 'Access-Control-Max-Age', value: '600' },
            ],
          },
          response: { status: 200, headers: [...common, ...cors] },
        },
      ],
    };
  }
  return {
    method: 'GET',
    origin: APP,
    credentials: i % 5 === 0 ? 'same-origin' : 'include',
    initiator: i % 4 === 0 ? 'xmlhttprequest' : 'fetch',
    requestHeaders: [{ name: 'Accept', value: 'application/json' }],
    hops: [{ url: api, response: { status: 200, headers: [...common, ...(i % 5 === 0 ? [{ name: 'Access-Control-Allow-Origin', value: '*' }] : cors)] } }],
  };
}

function fixtureRecords(): RequestRecord[] {
  const path = fileURLToPath(new URL('../../test/fixtures/chromium.json', import.meta.url));
  const data = JSON.parse(readFileSync(path, 'utf8')) as { scenarios: { record: RequestRecord }[] };
  return data.scenarios.map((s) => s.record);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(section: string, name: string, records: RequestRecord[], work: (r: RequestRecord) => unknown): BenchRow {
  const n = records.length;
  let sink = 0;
  const run = (iterations: number) => {
    for (let k = 0; k < iterations; k++) {
      const out = work(records[k % n]!);
      sink += Array.isArray(out) ? out.length : 1;
    }
  };
  run(20_000); // warm-up: let the JIT settle
  const iterations = 50_000;
  const times: number[] = [];
  for (let round = 0; round < 15; round++) {
    const t0 = process.hrtime.bigint();
    run(iterations);
    times.push(Number(process.hrtime.bigint() - t0) / iterations / 1000);
  }
  if (sink < 0) console.log(sink);
  const us = median(times);
  return { section, name, records: n, opsPerSec: Math.round(1e6 / us), usPerOp: us, bestUs: Math.min(...times) };
}

/** A record with a header value over 4 KB (the lab's 64 KB ACAO): hostile, not everyday traffic. */
function oversized(r: RequestRecord): boolean {
  return r.hops.some((h) => [h.preflight, h.response].some((x) => x?.headers.some((l) => l.value.length > 4096)));
}

export function benchCore(): BenchRow[] {
  const all = fixtureRecords();
  const fixtures = all.filter((r) => !oversized(r));
  const hostile = all.filter(oversized);
  const synth = Array.from({ length: 200 }, (_, i) => synthetic(i));
  // The mix: every recorded scenario once (except the oversized ones), plus four everyday records per scenario.
  const mix = [...fixtures, ...synth, ...synth, ...synth, ...synth].slice(0, fixtures.length * 5);
  const failing = fixtures.filter((r) => validate(r).some((f) => f.severity === 'error'));
  return [
    measure('core', 'validate(), realistic mix', mix, validate),
    measure('core', 'validate(), everyday traffic (passing)', synth, validate),
    measure('core', 'validate(), recorded lab scenarios', fixtures, validate),
    measure('core', 'validate(), blocked only', failing, validate),
    measure('core', 'validate() + read explanation and fix', failing, (r) => validate(r).map((f) => f.explanation.length + f.fix.steps.length)),
    ...(hostile.length > 0 ? [measure('core', 'validate(), hostile records (64 KB values)', hostile, validate)] : []),
  ];
}
