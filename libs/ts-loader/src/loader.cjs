/**
 * Makes the workspace's TypeScript loadable in a process the platform's tools start, given as
 * `node --require @platform/ts-loader`: the offline plan's workers, the affected set's Nx snapshot.
 * Each `.ts` file is transpiled on its own by esbuild, as the workspace's `isolatedModules` allows,
 * with the compiler options every package extends and an inline source map (applied while
 * `process.setSourceMapsEnabled(true)`), and kept in memory for a process that loads it again.
 *
 * Not tsx, which runs the workspace's TypeScript everywhere else: its resolver and loader stand
 * between Node and every third-party JavaScript file too, which doubles what loading the Pulumi
 * SDKs or Nx costs, and every such process pays that. CommonJS, because it runs before any
 * TypeScript can, and before the process's entry, which Node loads as CommonJS only when no
 * `--import` is given.
 */
"use strict";
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const process = require("node:process");
const { transformSync } = require("esbuild");

const { compilerOptions } = JSON.parse(readFileSync(join(__dirname, "../../../tsconfig.base.json"), "utf8"));
const transpiled = new Map();

function transpile(filename) {
  const source = readFileSync(filename, "utf8");
  const cached = transpiled.get(filename);
  if (cached && cached.source === source) return cached.code;
  let code;
  try {
    ({ code } = transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: `node${process.versions.node}`,
      tsconfigRaw: { compilerOptions },
      sourcemap: "inline",
      sourcefile: filename,
      // `import()` of a workspace module goes through this loader too, as `require` does.
      supported: { "dynamic-import": false },
    }));
  } catch (error) {
    // The file and position, with the modules that imported it below, rather than esbuild's internals.
    const at = error.errors?.[0];
    if (!at?.location) throw error;
    throw new SyntaxError(`${at.text} (${filename}:${at.location.line}:${at.location.column + 1})`);
  }
  transpiled.set(filename, { source, code });
  return code;
}

// Programs, libraries and contracts are CommonJS (`export =`, packages without "type": "module").
Module._extensions[".ts"] = (module, filename) => module._compile(transpile(filename), filename);
