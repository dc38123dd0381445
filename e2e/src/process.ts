import { spawn } from "node:child_process";

export interface CommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Keep the output for the caller instead of streaming it. */
  readonly capture?: boolean;
  /** A hung command fails the run after this long, instead of hanging it silently. */
  readonly timeoutSeconds: number;
  /** Text written to the command's stdin. */
  readonly input?: string;
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly timedOut: boolean;
}

/** Runs a command without a shell, with a hard timeout after which it and its children are killed. */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? "ignore" : "pipe", options.capture ? "pipe" : "inherit", options.capture ? "pipe" : "inherit"],
      // Its own process group, so a timeout kills what it started too (nx, node, plugins).
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    if (options.input !== undefined) child.stdin?.end(options.input);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, options.timeoutSeconds * 1000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? 124 : (code ?? 1), stdout, stderr, seconds: (performance.now() - started) / 1000, timedOut });
    });
  });
}

/** Runs a command and fails with its output and what was being done when it does not succeed. */
export async function mustRun(purpose: string, command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const why = result.timedOut ? `timed out after ${options.timeoutSeconds} s` : `exited with ${result.code}`;
    const output = options.capture ? `\n${tail(`${result.stdout}\n${result.stderr}`, 40)}` : "";
    throw new Error(`${purpose}: \`${[command, ...args].join(" ")}\` ${why}${output}`);
  }
  return result;
}

/** The last lines of a text, for error messages that stay readable. */
export function tail(text: string, lines: number): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}
