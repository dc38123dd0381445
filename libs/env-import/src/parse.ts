/**
 * A parser for `.env` files as people really write them, which reports every malformed line at
 * once, with its number and the fix. dotenv's own `parse` scans the file with one regular
 * expression and silently skips whatever does not match, so a typo becomes a setting that never
 * arrives; an import into a production stack has to say so instead.
 */

export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  /** Line the assignment starts on (a quoted value may span more). */
  readonly line: number;
}

export interface EnvProblem {
  readonly line: number;
  /** What is wrong and how to fix it, without the line number. */
  readonly message: string;
}

export interface ParsedEnv {
  readonly entries: readonly EnvEntry[];
  readonly problems: readonly EnvProblem[];
}

/**
 * Names a shell can export and a Pulumi `--path` key can hold (a `.` or `-` in the name would
 * split the path or break `export`).
 */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const QUOTES = ['"', "'", "`"] as const;
type Quote = (typeof QUOTES)[number];

const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** An assignment at the start of a line, as swallowed by a quote that was never closed. */
const LOOKS_LIKE_ASSIGNMENT = /^\s*(?:export\s+)?[A-Z_][A-Z0-9_]*\s*=/;

/** A comment after a value starts at a `#` preceded by whitespace (or at once), so `pass#word` stays whole. */
const TRAILING_COMMENT = /(^|\s+)#.*$/;

function suggestName(name: string): string | undefined {
  const candidate = name.trim().replace(/[^A-Za-z0-9_]/g, "_");
  const fixed = /^[0-9]/.test(candidate) ? `_${candidate}` : candidate;
  return ENV_NAME.test(fixed) ? fixed : undefined;
}

interface QuotedValue {
  readonly value: string;
  /** Index of the line the closing quote is on. */
  readonly endIndex: number;
  /** What follows the closing quote on its line. */
  readonly rest: string;
}

/** Reads a quoted value from `text` (after the opening quote), joining further lines until it closes. */
function readQuoted(quote: Quote, text: string, lines: readonly string[], startIndex: number): QuotedValue | undefined {
  let value = "";
  let current = text;
  let lineIndex = startIndex;
  for (;;) {
    for (let i = 0; i < current.length; i++) {
      const char = current[i]!;
      if (char === quote) return { value, endIndex: lineIndex, rest: current.slice(i + 1) };
      if (quote === '"' && char === "\\" && i + 1 < current.length) {
        const next = current[i + 1]!;
        value += DOUBLE_QUOTE_ESCAPES[next] ?? `\\${next}`;
        i++;
        continue;
      }
      value += char;
    }
    lineIndex++;
    if (lineIndex >= lines.length) return undefined;
    value += "\n";
    current = lines[lineIndex]!;
  }
}

/** Parses a `.env` file. Duplicate names are problems: which value a stack gets must not be a guess. */
export function parseEnv(text: string): ParsedEnv {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const entries: EnvEntry[] = [];
  const problems: EnvProblem[] = [];
  const firstSeen = new Map<string, number>();

  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const content = lines[index]!.trimStart();
    if (content.trim() === "" || content.startsWith("#")) continue;

    // Trailing whitespace stays: inside a quote that spans lines it is part of the value.
    const assignment = content.replace(/^export\s+/, "");
    const equals = assignment.indexOf("=");
    if (equals < 0) {
      const written = assignment.trim();
      const name = written.split(/\s+/)[0]!;
      problems.push({
        line,
        message: ENV_NAME.test(name)
          ? `"${written}" is not an assignment: write ${name}=<value> (or ${name}= for an empty value), or start the line with # to make it a comment`
          : `"${written}" is not an assignment: write NAME=value, or start the line with # to make it a comment`,
      });
      continue;
    }

    const name = assignment.slice(0, equals).trim();
    let raw = assignment.slice(equals + 1).trimStart();
    let value: string;
    let endIndex = index;

    const quote = QUOTES.find((q) => raw.startsWith(q));
    if (quote) {
      const quoted = readQuoted(quote, raw.slice(1), lines, index);
      const swallowed = quoted
        ? lines
            .slice(index + 1, quoted.endIndex + 1)
            .map((text, offset) => ({ text, line: index + 2 + offset }))
            .filter(({ text }) => LOOKS_LIKE_ASSIGNMENT.test(text))
        : [];
      if (!quoted || swallowed.length > 0) {
        // Parsing carries on at the next line, so one missing quote does not hide later problems.
        const where = swallowed.length > 0 ? ` (as written, it runs on and swallows line ${swallowed.map((s) => s.line).join(", ")})` : "";
        problems.push({
          line,
          message: `${name || "the value"} opens a ${quote} quote that is never closed${where}: add the closing ${quote} at the end of the value`,
        });
        continue;
      }
      if (!/^\s*(#.*)?$/.test(quoted.rest)) {
        problems.push({
          line: quoted.endIndex + 1,
          message: `unexpected text "${quoted.rest.trim()}" after the closing ${quote} of ${name || "the value"}: put it inside the quotes, or start a comment with " #"`,
        });
        index = quoted.endIndex;
        continue;
      }
      value = quoted.value;
      endIndex = quoted.endIndex;
    } else {
      raw = raw.replace(TRAILING_COMMENT, "");
      value = raw.trim();
    }

    if (!ENV_NAME.test(name)) {
      const suggestion = name ? suggestName(name) : undefined;
      problems.push({
        line,
        message:
          name === ""
            ? `the line has no name before "=": write NAME=value`
            : `"${name}" is not a valid name: use letters, digits and "_", not starting with a digit` +
              (suggestion ? ` (such as ${suggestion})` : ""),
      });
    } else if (firstSeen.has(name)) {
      problems.push({
        line,
        message: `${name} is already set on line ${firstSeen.get(name)}: keep one of the two lines (the import never picks one for you)`,
      });
    } else {
      firstSeen.set(name, line);
      entries.push({ name, value, line });
    }
    index = endIndex;
  }
  return { entries, problems };
}

/** A problem as editors and terminals link it: `path:line: message`. */
export function formatProblem(file: string, problem: EnvProblem): string {
  return `${file}:${problem.line}: ${problem.message}`;
}
