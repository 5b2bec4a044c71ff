// Runs a Node app file (original or with a snippet pasted) as its own process: the file is written
// under node_modules/.cache so that `require`/`import` find the project's packages.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, type CureCase, type PasteSpot, type Proc } from '../harness';

const here = dirname(fileURLToPath(import.meta.url));
const scratch = resolve(here, '../../../node_modules/.cache/cci-servers');

export interface NodeCase {
  /** App file under test/servers/node/<stack>/. */
  file: string;
  call: CureCase['call'];
  code: string;
  steps?: number;
  locked?: CureCase['locked'];
}

/** The case as proveCure takes it: the app's source, how to start it, where snippets go. */
export function nodeCase(stack: string, c: NodeCase, spot: PasteSpot, appOrigin: string): CureCase & { cleanup(): void } {
  const source = readFileSync(join(here, stack, c.file), 'utf8');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, `${stack}-`));
  let n = 0;
  return {
    stack,
    call: c.call,
    source,
    spot,
    code: c.code,
    ...(c.steps !== undefined ? { steps: c.steps } : {}),
    ...(c.locked !== undefined ? { locked: c.locked } : {}),
    async start(text: string): Promise<Proc> {
      const file = join(dir, `${n++}-${basename(c.file)}`);
      writeFileSync(file, text);
      return startProcess({ command: process.execPath, args: [file], port: await freePort(), env: { APP_ORIGIN: appOrigin } });
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
