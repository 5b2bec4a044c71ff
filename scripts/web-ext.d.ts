// The two web-ext commands we call (web-ext ships no types).
declare module 'web-ext' {
  interface LintMessage {
    code: string;
    message: string;
    file?: string;
  }
  interface LintResult {
    summary: { errors: number; warnings: number; notices: number };
    errors: LintMessage[];
    warnings: LintMessage[];
  }
  const webExt: {
    cmd: {
      build(
        params: { sourceDir: string; artifactsDir: string; filename: string; overwriteDest: boolean },
        options?: { showReadyMessage?: boolean },
      ): Promise<{ extensionPath: string }>;
      lint(params: Record<string, unknown> & { sourceDir: string }, options?: { shouldExitProgram?: boolean }): Promise<LintResult>;
    };
  };
  export default webExt;
}
