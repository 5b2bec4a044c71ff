// NestJS and Next.js apps from config "bundles" (test/servers/debian/launch.ts: one text holding
// every file of the app, so a snippet can be pasted into it), run as real processes from the
// project's node_modules:
// - NestJS: `src/main.ts` run by tsx (esbuild honours the bundle's tsconfig.json
//   experimentalDecorators, which Nest's decorators need).
// - Next.js: `next dev` (Turbopack). A production build costs a full compile per start on 2
//   cores; dev compiles only the middleware and the one route the call asks for, and the app's
//   directory is reused for every start of a suite so Turbopack's cache keeps what did not
//   change. It must live outside node_modules (Turbopack does not compile app code there) and
//   inside the project (it resolves `next` from the workspace root), hence test/artifacts/.
//   Each start is warmed up with one request to the call's path, so the browser's first call
//   does not wait for the compile.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, type Proc } from '../harness';
import { writeBundle, type DebServer } from '../debian/launch';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

export type BundleApp = 'nestjs' | 'nextjs';

/** Next.js's first compile of a route on a loaded 2-core machine takes tens of seconds. */
const WARM_UP_MS = 150_000;

export interface AppLauncher {
  /** A server for one case: `warmPath` is requested once after each start (Next.js). */
  server(warmPath: string): DebServer;
  /** Removes every directory this launcher made (after the suite). */
  dispose(): void;
}

/** A launcher for one framework, shared by a suite's cases. */
export function bundleApp(app: BundleApp): AppLauncher {
  const dirs: string[] = [];
  const parent = join(root, app === 'nextjs' ? 'test/artifacts' : 'node_modules/.cache');
  let shared: string | undefined;
  /** Next.js reuses one directory (and its .next cache); NestJS gets a fresh one per start. */
  const dirFor = (): string => {
    mkdirSync(parent, { recursive: true });
    if (app === 'nextjs' && shared !== undefined) {
      for (const name of readdirSync(shared)) if (name !== '.next') rmSync(join(shared, name), { recursive: true, force: true });
      return shared;
    }
    const dir = mkdtempSync(join(parent, `cci-${app}-`));
    dirs.push(dir);
    if (app === 'nextjs') shared = dir;
    return dir;
  };
  const dispose = () => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    shared = undefined;
  };
  return {
    server: (warmPath) => ({
      async start(bundle): Promise<Proc> {
        const dir = dirFor();
        const port = await freePort();
        writeBundle(bundle, dir, port);
        const env = { NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: app === 'nextjs' ? 'development' : 'production' };
        const command =
          app === 'nextjs'
            ? { command: bin('next'), args: ['dev', '--port', String(port), '--hostname', '127.0.0.1'] }
            : { command: bin('tsx'), args: ['--tsconfig', join(dir, 'tsconfig.json'), join(dir, 'src/main.ts')] };
        const p = await startProcess({ ...command, cwd: dir, port, env, timeoutMs: 60_000 });
        if (app === 'nextjs') await warmUp(p, warmPath);
        return p;
      },
      // Directories go with dispose(): Next.js's cache serves the suite's next cases.
      cleanup: () => undefined,
    }),
    dispose,
  };
}

/** One request without an Origin, so the middleware and the route are compiled before the browser calls. */
async function warmUp(p: Proc, path: string): Promise<void> {
  try {
    const r = await fetch(p.origin + path, { redirect: 'manual', signal: AbortSignal.timeout(WARM_UP_MS) });
    await r.arrayBuffer();
  } catch (e) {
    await p.stop();
    throw new Error(`next dev did not answer ${path} within ${WARM_UP_MS / 1000} s (${(e as Error).message}):\n${p.output()}`);
  }
}
