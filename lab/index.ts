// The CORS lab: a page and two APIs on loopback, serving every scenario of lab/scenarios.ts in
// its broken or fixed form (or with an extension Fix applied as an override).
import type { Fix, FixStep, RequestRecord } from '../src/core/types';
import { cookieSection, startCookieApi } from './cookies';
import { buildRecord, lastRun } from './record';
import { scenarioById, scenarios, type Scenario } from './scenarios';
import { startServers, type Exchange, type LabState, type Mode, type Override } from './server';

export type { Exchange, Mode, Override } from './server';
export type { Scenario } from './scenarios';

export interface Lab {
  pageOrigin: string;
  sameSiteOrigin: string;
  crossSiteOrigin: string;
  /** The "Cookies" section's API (lab/cookies.ts): another site, its own host. */
  cookieOrigin: string;
  pageUrl: string;
  scenarios: readonly Scenario[];
  setMode(id: string, mode: Mode): void;
  /** Apply one override; calling again stacks another one; null clears this scenario's overrides. */
  setOverride(id: string, o: Override | null): void;
  /** Apply a finding's whole fix plan (every step, each on its stage and hop), replacing overrides. */
  applyFix(id: string, fix: Pick<Fix, 'steps'>): void;
  exchanges(id: string): Exchange[];
  recordFor(id: string): RequestRecord | undefined;
  reset(): void;
  close(): Promise<void>;
}

/** A fix step as the lab applies it: set the lines, drop `remove`, use the new status. */
export function overrideOf(step: FixStep): Override {
  return {
    stage: step.stage,
    hop: step.hop,
    headers: step.headers,
    ...(step.remove ? { remove: step.remove } : {}),
    ...(step.status ? { status: step.status.to } : {}),
  };
}

function known(id: string): Scenario {
  const s = scenarioById(id);
  if (!s) throw new Error(`Unknown lab scenario '${id}'`);
  return s;
}

export async function startLab(opts: { ports?: [number, number, number]; host?: string } = {}): Promise<Lab> {
  const state: LabState = { origins: { page: '', 'same-site': '', 'cross-site': '' }, modes: new Map(), overrides: new Map(), log: [] };
  const servers = await startServers(state, opts.ports ?? [0, 0, 0], opts.host ?? '127.0.0.1');
  const cookieApi = await startCookieApi(state.origins.page).catch(async (err: unknown) => {
    await servers.close();
    throw err;
  });
  state.sections = [cookieSection(cookieApi.origin)];
  return {
    pageOrigin: state.origins.page,
    sameSiteOrigin: state.origins['same-site'],
    crossSiteOrigin: state.origins['cross-site'],
    cookieOrigin: cookieApi.origin,
    pageUrl: `${state.origins.page}/`,
    scenarios,
    setMode(id, mode) {
      known(id);
      state.modes.set(id, mode);
    },
    setOverride(id, o) {
      known(id);
      if (o === null) state.overrides.delete(id);
      else state.overrides.set(id, [...(state.overrides.get(id) ?? []), o]);
    },
    applyFix(id, fix) {
      known(id);
      state.overrides.set(id, fix.steps.map(overrideOf));
    },
    exchanges: (id) => state.log.filter((e) => e.scenario === id),
    recordFor: (id) => buildRecord(known(id), lastRun(state.log, id), state.origins.page),
    reset() {
      state.modes.clear();
      state.overrides.clear();
      state.log.length = 0;
    },
    close: () => Promise.all([servers.close(), cookieApi.close()]).then(() => undefined),
  };
}
