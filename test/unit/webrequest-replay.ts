// Shared by the collector, verdict and cookie watch tests: the recorded Chromium 156 webRequest
// runs, and a replay of one run's events into a consumer, through the reader as the worker does.
import fixture from '../fixtures/webrequest/lab-chromium-156.json';
import { readEvent, type Details, type EventName, type RequestEvent } from '../../extension/background/request-event';

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

/** What a test feeds raw webRequest details to. */
export interface Fed {
  handle(name: EventName, d: Details): void;
}

/**
 * A consumer (the collector, the cookie watch) fed as the worker feeds it: each raw event is
 * normalised by the reader first (request-event.ts). `now` dates a Set-Cookie's Max-Age.
 */
export function throughReader<C extends { handle(ev: RequestEvent): void }>(c: C, firefox = false, now: () => number = Date.now): Omit<C, 'handle'> & Fed {
  return { ...c, handle: (name, d) => c.handle(readEvent(name, d, { firefox, now: now() })) };
}

export function replay(c: Fed, events: readonly RawEvent[]): void {
  for (const e of events) {
    const name = EVENTS[e.ev];
    if (name) c.handle(name, e);
  }
}
