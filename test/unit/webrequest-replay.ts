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
