// WebKit as the oracle: run lab scenarios in WebKitGTK's MiniBrowser and capture what WebKit said
// about each (its console CORS lines) and whether it blocked the request. MiniBrowser can only be
// watched through its console output, so the lab page runs the scenarios itself ('#record=',
// lab/page.ts), one at a time, between "lab-begin" / "lab-end" console.log markers: every line
// printed between a run's two markers belongs to that run.
import { openInWebKit, type ConsoleLine } from '../scripts/browser/webkit';
import type { Lab, Mode } from './index';
import type { RunSeen } from './oracle';
import { buildRecord } from './record';

export interface WebKitObservation extends RunSeen {
  /** WebKit's "CONSOLE SECURITY ERROR" reasons for this run, verbatim, in order. */
  messages: string[];
  /** Its "Fetch API cannot load … due to access control checks." / XHR twin (JS errors). */
  loads: string[];
  /** Any other console line printed during the run ("SOURCE LEVEL text"). */
  other: string[];
  /** The page's own error text for a blocked run (WebKit: "Load failed"). */
  pageError?: string;
}

interface Marker {
  id: string;
  mode: Mode;
  ok?: boolean;
  error?: string;
  url?: string;
}

const marker = (line: ConsoleLine, name: string): Marker | undefined => {
  if (line.source !== '' || !line.text.startsWith(`${name} `)) return undefined;
  try {
    return JSON.parse(line.text.slice(name.length + 1)) as Marker;
  } catch {
    return undefined;
  }
};

/** Runs `ids` (broken, then fixed) in one MiniBrowser page and returns WebKit's words per run. */
export async function observeInWebKit(lab: Lab, ids: readonly string[], timeoutMs = 90_000): Promise<WebKitObservation[]> {
  const page = await openInWebKit(`${lab.pageUrl}#record=${encodeURIComponent(ids.join(','))}`);
  try {
    await page.waitFor((l) => l.source === '' && l.text === 'lab-finished', timeoutMs);
  } finally {
    await page.close();
  }
  const out: WebKitObservation[] = [];
  let current: ConsoleLine[] | undefined;
  for (const line of page.lines) {
    if (marker(line, 'lab-begin')) current = [];
    const end = marker(line, 'lab-end');
    if (end && current) {
      out.push(observation(lab, end, current));
      current = undefined;
    } else if (current && !marker(line, 'lab-begin')) current.push(line);
  }
  return out;
}

function observation(lab: Lab, end: Marker, lines: readonly ConsoleLine[]): WebKitObservation {
  const s = lab.scenarios.find((x) => x.id === end.id);
  if (!s || end.url === undefined) throw new Error(`WebKit: a run marker names no lab scenario: ${JSON.stringify(end)}`);
  const run = new URL(end.url).searchParams.get('run') ?? '';
  const record = buildRecord(
    s,
    lab.exchanges(s.id).filter((e) => e.run === run),
    lab.pageOrigin,
  );
  if (!record) throw new Error(`${s.id} (${end.mode}): the lab saw no request from WebKit`);
  const isLoad = (l: ConsoleLine): boolean => l.source === 'JS' && / cannot load .* due to access control checks\.$/s.test(l.text);
  const blocked = end.ok !== true;
  return {
    id: s.id,
    mode: end.mode,
    kind: s.kind,
    client: s.client,
    credentials: s.credentials,
    blocked,
    messages: lines.filter((l) => l.source === 'SECURITY').map((l) => l.text),
    loads: lines.filter(isLoad).map((l) => l.text),
    other: lines.filter((l) => l.source !== 'SECURITY' && !isLoad(l)).map((l) => `${l.source} ${l.level} ${l.text}`.trim()),
    ...(blocked ? { pageError: end.error ?? '' } : {}),
    record,
  };
}
