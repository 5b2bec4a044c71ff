// A skipped test is a failed one here (a skipped browser test hides a missing Chromium). Vitest
// counts skips as a pass, so this reporter turns any skipped or todo test into a failing exit code.
import type { Reporter, TestModule } from 'vitest/node';

export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        if (t.result().state === 'skipped') skipped.push(`${m.moduleId}: ${t.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    console.error(`\n${skipped.length} test(s) skipped; skipping is failing here:\n  ${skipped.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}
