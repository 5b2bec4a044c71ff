// Runs the built command (`node bin/cors-inspector.js`, what `npx cors-inspector` runs; the `cli`
// project's globalSetup builds it from the current source first).
import { spawn } from 'node:child_process';
import { expect } from 'vitest';

/** Each test spawns Node a few times; a loaded 2-core machine needs room. */
export const SPAWNS = 60_000;

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = {}, bin = 'bin/cors-inspector.js'): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Exit 2, nothing on stdout, one line on stderr. */
export const oneLine = (r: Run): void => {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^cors-inspector: /);
};
