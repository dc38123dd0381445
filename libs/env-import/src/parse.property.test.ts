import fc from "fast-check";
import { describe, it } from "vitest";
import { parseEnv } from "./parse";

function doubleQuoted(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

/** Whether the text parses, without problems, to exactly this one setting. */
function readsAs(text: string, name: string, value: string): boolean {
  const { entries, problems } = parseEnv(text);
  return problems.length === 0 && entries.length === 1 && entries[0]!.name === name && entries[0]!.value === value;
}

// Names are not what these properties vary; a few shapes keep the runs cheap.
const name = fc.constantFrom("A", "OPENAI_API_KEY", "_private1", "lower_case");
/** The characters that quoting, escaping and comments are about, and a few ordinary ones. */
const tricky = fc.string({ unit: fc.constantFrom("a", "Z", "0", '"', "'", "`", "\\", "\n", "\r", "\t", "#", "=", " ", "é", "😀"), maxLength: 40 });

describe("parseEnv round trips", () => {
  it("reads back any value written double-quoted with escapes", () => {
    fc.assert(fc.property(name, tricky, (key, value) => readsAs(`${key}=${doubleQuoted(value)}\n`, key, value)));
  });

  it("reads back any single-line value without quotes, '#' or surrounding spaces as written", () => {
    const plain = fc.string({ unit: fc.constantFrom("a", "Z", "0", "=", " ", "'", "é", ":", "/", "@"), minLength: 1, maxLength: 40 }).filter((v) => v === v.trim() && !/^['"`]/.test(v));
    fc.assert(fc.property(name, plain, (key, value) => readsAs(`export ${key}=${value}`, key, value)));
  });
});
