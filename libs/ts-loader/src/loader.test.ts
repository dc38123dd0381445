/**
 * The loader in real Node processes (`node --require` it, as the offline plan and the affected set
 * do) on a folder of TypeScript written for each case.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const LOADER = require.resolve("@platform/ts-loader");
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/**
 * Writes the files into a folder of this package (so that third-party imports resolve through the
 * repository's node_modules), runs `node --require <loader> main.ts` there, and what it printed.
 */
function runWithLoader(files: Record<string, string>): { status: number | null; stdout: string; stderr: string; dir: string } {
  const dir = mkdtempSync(join(resolve(__dirname, ".."), ".fixture-"));
  folders.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  // Plain traces: Node colours the frames of an uncaught error when the caller's FORCE_COLOR asks.
  const env = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
  const result = spawnSync(process.execPath, ["--require", LOADER, "main.ts"], { cwd: dir, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, dir };
}

describe("the workspace's TypeScript loader", () => {
  it("runs TypeScript that imports TypeScript, JSON and a third-party package, by require and by import()", () => {
    const { status, stdout, stderr } = runWithLoader({
      "main.ts": `import { describe } from "./lib/describe";
import settings from "./settings.json";
import { transformSync } from "esbuild";
interface Later { readonly value: string }
async function main(): Promise<void> {
  const later = (await import("./lib/later")) as Later;
  console.log(describe(settings.name), typeof transformSync, later.value);
}
void main();
`,
      "lib/describe.ts": `export const describe = (name: string): string => \`named \${name}\`;\n`,
      "lib/later.ts": `const value: string = "loaded later";\nexport = { value };\n`,
      "settings.json": `{ "name": "arcade" }\n`,
    });
    expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
    expect(stdout).toBe("named arcade function loaded later\n");
  });

  it("defines class fields as the workspace's ES2022 target does", () => {
    const { stdout } = runWithLoader({
      "main.ts": `class Base { constructor() { (this as unknown as { name: string }).name = "set by the base"; } }
class Derived extends Base { name?: string; }
console.log(JSON.stringify(new Derived()));
`,
    });
    // With useDefineForClassFields (ES2022's default), the declared field is defined after super().
    expect(stdout).toBe("{}\n");
  });

  it("reports a file that does not parse by file, line and column, with the module that imported it", () => {
    const { status, stderr, dir } = runWithLoader({
      "main.ts": `import "./broken";\n`,
      "broken.ts": `export const size: number = ;\n`,
    });
    expect(status).toBe(1);
    expect(stderr).toContain(`SyntaxError: Unexpected ";" (${join(dir, "broken.ts")}:1:29)`);
    expect(stderr).toMatch(new RegExp(`at Object.<anonymous> \\(${join(dir, "main.ts").replace(/[.]/g, "\\.")}:\\d+:\\d+\\)`));
  });

  it("maps a trace to the TypeScript lines of a module loaded while source maps are on", () => {
    const { stderr, dir } = runWithLoader({
      "main.ts": `process.setSourceMapsEnabled(true);\nrequire("./fails");\n`,
      "fails.ts": `interface Settings {
  readonly size: number;
}
type Size = Settings["size"];
const size: Size = 3;
throw new Error("failed at size " + size);
`,
    });
    expect(stderr).toContain("Error: failed at size 3");
    // Line 6 of what was written, not of what esbuild made of it.
    expect(stderr).toContain(`at Object.<anonymous> (${join(dir, "fails.ts")}:6:7)`);
  });
});
