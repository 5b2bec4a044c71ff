// Terminal output: colour only on a terminal (NO_COLOR and TERM=dumb turn it off, FORCE_COLOR on:
// https://no-color.org, https://force-color.org). What is unsafe to print is decided in output.ts.

export interface Style {
  /** A terminal: colour and the compact table. */
  tty: boolean;
  color: boolean;
}

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const tty = stream.isTTY === true;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const off = (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb';
  return { tty, color: forced || (tty && !off) };
}

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], bold: [1, 22], dim: [2, 22] } as const;
export type Paint = keyof typeof CODES;

export function paint(style: Style, how: Paint, text: string): string {
  if (!style.color) return text;
  const [on, off] = CODES[how];
  return `\x1b[${on}m${text}\x1b[${off}m`;
}

export { safe } from './output';

/** Columns padded to the widest cell; the last column is not padded. */
export function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}
