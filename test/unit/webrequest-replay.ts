// Shared by the collector and verdict tests: the recorded Chromium 156 webRequest runs, and a
// replay of one run's events into a collector.
import fixture from '../fixtures/webrequest/lab-chromium-156.json';
import type { Collector, Details, EventName } from '../../extension/background/collector';

export type RawEvent = Details & { ev: string };
export interface Run {
  id: string;
  result: { ok: boolean };
  console: string[];
  events: RawEvent[];
}
export const recording = fixture as unknown as { browser: string; pageOrigin: string; runs: Run[] };
export const runs = recording.runs;
export const runById = (id: string): Run => runs.find((r) => r.id === id)!;
/**
 * Failed before any CORS check (lab kind 'net-error', e.g. a NUL byte in a header line:
 * net::ERR_INVALID_HTTP_RESPONSE): no CORS sentence, and the collector reports no record.
 */
export const isNetError = (r: Run): boolean => !r.result.ok && r.console.length === 0;
/** The runs the collector reports: all but the net errors. */
export const reported = runs.filter((r) => !isNetError(r));

const EVENTS: Record<string, EventName | undefined> = {
  onBeforeRequest: 'beforeRequest',
  onSendHeaders: 'sendHeaders',
  onHeadersReceived: 'headersReceived',
  onBeforeRedirect: 'beforeRedirect',
  onCompleted: 'completed',
  onErrorOccurred: 'errorOccurred',
};

export function replay(c: Pick<Collector, 'handle'>, events: readonly RawEvent[]): void {
  for (const e of events) {
    const name = EVENTS[e.ev];
    if (name) c.handle(name, e);
  }
}
