import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { undeclaredWorkspaceImports } from "./declared-imports";

const root = mkdtempSync(join(tmpdir(), "declared-imports-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, content: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};

describe("imports of workspace packages that package.json does not declare", () => {
  it("are found in every form of import, once per file, and declared, external and own imports pass", () => {
    write(
      "libs/service/src/index.ts",
      [
        'import { a } from "@x/contract";',
        'import type { B } from "@x/program";',
        'export { c } from "@x/program/src/c";',
        'const d = require("@x/tooling");',
        'const e = await import("@x/tooling");',
        'import { z } from "zod";',
        'import { own } from "@x/service/src/own";',
      ].join("\n"),
    );
    write("libs/service/src/index.test.ts", 'import { helper } from "@x/testing";');
    write("libs/service/node_modules/@x/program/index.ts", 'import "@x/elsewhere";');
    const packages = [
      { root: "libs/service", name: "@x/service", declared: ["@x/contract", "@x/testing", "zod"] },
      { root: "projects/program", name: "@x/program", declared: [] },
      { root: "contracts/contract", name: "@x/contract", declared: [] },
      { root: "libs/tooling", name: "@x/tooling", declared: [] },
      { root: "libs/testing", name: "@x/testing", declared: [] },
    ];
    for (const pkg of packages.slice(1)) write(`${pkg.root}/src/index.ts`, "export {};");
    expect(undeclaredWorkspaceImports(root, packages)).toEqual([
      "libs/service/src/index.ts imports @x/program, which libs/service/package.json does not declare",
      "libs/service/src/index.ts imports @x/tooling, which libs/service/package.json does not declare",
    ]);
  });
});
