/**
 * Reads and rewrites one key of a `Pulumi.<env>.yaml` (or one value inside a key's map, given as a
 * path such as `["degenquest:backup", "toolsImageTag"]`) through the `yaml` Document API. The new
 * value is spliced into the original text at the node's own range, so every comment, blank line,
 * quote style and flow map elsewhere in the file stays byte for byte as it was.
 */
import { isScalar, parse, parseDocument, Scalar } from "yaml";

/** A config key, or a config key and the keys inside its value. */
export type ConfigPath = string | readonly [string, ...string[]];

const segments = (path: ConfigPath): string[] => (typeof path === "string" ? [path] : [...path]);
const describePath = (path: ConfigPath): string => segments(path).join(".");

function configScalar(text: string, path: ConfigPath, file: string): Scalar {
  const key = describePath(path);
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error(`${file} is not valid YAML: ${document.errors[0]!.message}`);
  const node = document.getIn(["config", ...segments(path)], true);
  if (node === undefined) throw new Error(`${file} has no ${key}: add it to the stack file once (by pull request) before promoting images into it`);
  if (!isScalar(node) || typeof node.value !== "string" || !node.range) {
    throw new Error(`${file}: ${key} must be a plain string value, but it is ${isScalar(node) ? JSON.stringify(node.value) : "a map or list"}`);
  }
  return node;
}

export function readConfigString(text: string, path: ConfigPath, file: string): string {
  return configScalar(text, path, file).value as string;
}

/** The text of `value` as YAML in the style the old value used; plain only if it reads back as the same string. */
function render(value: string, style: Scalar["type"]): string {
  if (style === Scalar.QUOTE_SINGLE) return `'${value}'`;
  if (style === Scalar.QUOTE_DOUBLE || parse(value) !== value) return JSON.stringify(value);
  return value;
}

/** `value` with `path` set to `leaf`, every other value shared. */
function withValueAt(value: unknown, path: readonly string[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string, ...string[]];
  const map = (value ?? {}) as Record<string, unknown>;
  return { ...map, [head]: withValueAt(map[head], rest, leaf) };
}

/**
 * Returns `text` with `config.<path>` set to `value`. Checks its own work: the result must parse to
 * the same configuration with only that value changed.
 */
export function setConfigString(text: string, path: ConfigPath, value: string, file: string): string {
  const key = describePath(path);
  const node = configScalar(text, path, file);
  const [start, valueEnd] = node.range!;
  const updated = text.slice(0, start) + render(value, node.type) + text.slice(valueEnd);

  const before = (parse(text) as { config: Record<string, unknown> }).config;
  const after = (parse(updated) as { config: Record<string, unknown> }).config;
  if (JSON.stringify(withValueAt(before, segments(path), value)) !== JSON.stringify(after)) {
    throw new Error(`Rewriting ${key} in ${file} would change more than that key; the file was left as it was`);
  }
  return updated;
}
