/**
 * Adds a tenant to the examples of cluster-base's contract (`contracts/cluster-base/src/examples.ts`):
 * once cluster-base's stack files list a tenant, its plan publishes the tenant's namespace and pull
 * secret, and the examples must say the same. The file is TypeScript, `stackExamples(contract,
 * { <stack>: { ..., tenants: { <tenant>: { namespace, imagePullSecret } } } })`; each entry is
 * inserted as text after the last tenant, so the rest of the file stays byte for byte as it was.
 */

export interface ExampleTenantResult {
  readonly text: string;
  /** Stacks asked for whose examples could not be given the tenant: not found, or no tenant to copy from. */
  readonly missing: readonly string[];
}

interface Entry {
  /** The property name, unquoted; undefined for a spread. */
  readonly key: string | undefined;
  readonly keyStart: number;
  /** Where the value starts (after `key:` and blanks). */
  readonly valueStart: number;
  /** Where the value ends (before blanks and the `,` or closing bracket). */
  readonly valueEnd: number;
}

const OPEN = "{[(";
const CLOSE = "}])";
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Index past a string literal, template or comment that starts at `i`; `i` when none starts there. */
function skipLiteral(text: string, i: number): number {
  const char = text[i];
  if (char === '"' || char === "'" || char === "`") {
    let j = i + 1;
    while (j < text.length && text[j] !== char) j += text[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  if (text.startsWith("//", i)) {
    const end = text.indexOf("\n", i);
    return end < 0 ? text.length : end;
  }
  if (text.startsWith("/*", i)) {
    const end = text.indexOf("*/", i + 2);
    return end < 0 ? text.length : end + 2;
  }
  return i;
}

/** Index of the first character from `i` that is neither blank nor part of a comment. */
function skipBlank(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (!text.startsWith("//", i) && !text.startsWith("/*", i)) return i;
    i = skipLiteral(text, i);
  }
}

/**
 * The expression starting at `i`: `end`, the first `,` or closing bracket outside brackets, strings
 * and comments; `valueEnd`, just past its last character that is neither blank nor a comment.
 */
function expression(text: string, i: number): { end: number; valueEnd: number } {
  let depth = 0;
  let valueEnd = i;
  while (i < text.length) {
    const skipped = skipLiteral(text, i);
    if (skipped !== i) {
      if (!text.startsWith("//", i) && !text.startsWith("/*", i)) valueEnd = skipped;
      i = skipped;
      continue;
    }
    const char = text[i]!;
    if (OPEN.includes(char)) depth++;
    else if (CLOSE.includes(char)) {
      if (depth === 0) break;
      depth--;
    } else if (char === "," && depth === 0) break;
    if (!/\s/.test(char)) valueEnd = i + 1;
    i++;
  }
  return { end: i, valueEnd };
}

/** The properties of the object literal whose `{` is at `open`, and the index of its `}`. */
function objectEntries(text: string, open: number): { entries: Entry[]; close: number } | undefined {
  if (text[open] !== "{") return undefined;
  const entries: Entry[] = [];
  let i = skipBlank(text, open + 1);
  while (i < text.length && text[i] !== "}") {
    const keyStart = i;
    let key: string | undefined;
    let valueStart: number;
    if (text.startsWith("...", i)) {
      valueStart = i;
    } else {
      if (text[i] === '"' || text[i] === "'") {
        const end = skipLiteral(text, i);
        key = text.slice(i + 1, end - 1);
        i = end;
      } else {
        const match = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
        if (!match) return undefined;
        key = match[0];
        i += key.length;
      }
      i = skipBlank(text, i);
      if (text[i] !== ":") return undefined;
      valueStart = skipBlank(text, i + 1);
    }
    const { end, valueEnd } = expression(text, valueStart);
    entries.push({ key, keyStart, valueStart, valueEnd });
    i = end;
    if (text[i] === ",") i = skipBlank(text, i + 1);
    else if (text[i] !== "}") return undefined;
  }
  return i < text.length ? { entries, close: i } : undefined;
}

/** The object literal given as the second argument of `stackExamples(...)`, by the index of its `{`. */
function examplesObject(text: string): number | undefined {
  const call = /\bstackExamples\s*(?:<[^>]*>)?\s*\(/.exec(text);
  if (!call) return undefined;
  const first = skipBlank(text, call.index + call[0].length);
  const afterFirst = expression(text, first).end;
  if (text[afterFirst] !== ",") return undefined;
  const second = skipBlank(text, afterFirst + 1);
  return text[second] === "{" ? second : undefined;
}

function column(text: string, index: number): number {
  return index - text.lastIndexOf("\n", index - 1) - 1;
}

/** Whether the object's last property is followed by a comma. */
function trailingComma(text: string, object: { entries: readonly Entry[] }): boolean {
  const last = object.entries[object.entries.length - 1];
  return last !== undefined && text[skipBlank(text, last.valueEnd)] === ",";
}

/** The new entry, written as the first tenant is: on its own lines or on one, with a trailing comma or without. */
function tenantEntry(text: string, first: Entry, firstFields: { entries: readonly Entry[] }, pullSecret: Entry, tenant: string): string {
  const key = IDENTIFIER.test(tenant) ? tenant : JSON.stringify(tenant);
  const pullSecretText = text.slice(pullSecret.valueStart, pullSecret.valueEnd);
  if (!text.slice(first.valueStart, first.valueEnd).includes("\n")) {
    return `${key}: { namespace: ${JSON.stringify(tenant)}, imagePullSecret: ${pullSecretText} }`;
  }
  const indent = " ".repeat(column(text, first.keyStart));
  const inner = " ".repeat(column(text, pullSecret.keyStart));
  const comma = trailingComma(text, firstFields) ? "," : "";
  return [`${key}: {`, `${inner}namespace: ${JSON.stringify(tenant)},`, `${inner}imagePullSecret: ${pullSecretText}${comma}`, `${indent}}`].join("\n");
}

/**
 * cluster-base's examples with the tenant added to each of `stacks` that lacks it, its namespace
 * named after it and its pull secret that of the stack's first tenant (cluster-base gives every
 * tenant of a stack the same one). Stacks not asked for are left alone.
 */
export function withExampleTenant(text: string, tenant: string, stacks: readonly string[]): ExampleTenantResult {
  const open = examplesObject(text);
  const byStack = open === undefined ? undefined : objectEntries(text, open);
  const edits: { at: number; insert: string }[] = [];
  const missing: string[] = [];
  for (const stack of stacks) {
    const stackEntry = byStack?.entries.find((entry) => entry.key === stack);
    const outputs = stackEntry && objectEntries(text, stackEntry.valueStart);
    const tenantsEntry = outputs?.entries.find((entry) => entry.key === "tenants");
    const tenants = tenantsEntry && objectEntries(text, tenantsEntry.valueStart);
    if (tenants?.entries.some((entry) => entry.key === tenant)) continue;
    const first = tenants?.entries[0];
    const firstFields = first && objectEntries(text, first.valueStart);
    const pullSecret = firstFields?.entries.find((entry) => entry.key === "imagePullSecret");
    if (!tenants || !first || first.key === undefined || !firstFields || !pullSecret) {
      missing.push(stack);
      continue;
    }
    const last = tenants.entries[tenants.entries.length - 1]!;
    const entry = tenantEntry(text, first, firstFields, pullSecret, tenant);
    const multiline = text.slice(first.keyStart, tenants.close).includes("\n");
    const separator = multiline ? `\n${" ".repeat(column(text, first.keyStart))}` : " ";
    if (trailingComma(text, tenants)) {
      // After the last tenant's comma (and a comment on its line), with a comma of its own.
      const comma = skipBlank(text, last.valueEnd);
      const lineEnd = text.indexOf("\n", comma);
      const at = multiline && lineEnd >= 0 && text.slice(comma + 1, lineEnd).trim().startsWith("//") ? lineEnd : comma + 1;
      edits.push({ at, insert: `${separator}${entry},` });
    } else {
      edits.push({ at: last.valueEnd, insert: `,${separator}${entry}` });
    }
  }
  let updated = text;
  for (const { at, insert } of edits.sort((a, b) => b.at - a.at)) updated = `${updated.slice(0, at)}${insert}${updated.slice(at)}`;
  return { text: updated, missing };
}
