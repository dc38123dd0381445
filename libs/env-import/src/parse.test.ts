import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, parseEnv } from "./parse";

const fixture = readFileSync(join(__dirname, "fixtures", "pioneer.env"), "utf8");

function values(text: string): Record<string, string> {
  const parsed = parseEnv(text);
  expect(parsed.problems).toEqual([]);
  return Object.fromEntries(parsed.entries.map((entry) => [entry.name, entry.value]));
}

function problems(text: string): string[] {
  return parseEnv(text).problems.map((problem) => formatProblem(".env", problem));
}

describe("parseEnv on a real agent .env", () => {
  it("reads every setting of the Pioneer file, with the line each starts on", () => {
    const parsed = parseEnv(fixture);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.map((entry) => `${entry.line}:${entry.name}`)).toEqual([
      "7:NODE_ENV",
      "8:SERVER_PORT",
      "9:CLIENT_PORT",
      "10:CACHE_STORE",
      "11:DEFAULT_LOG_LEVEL",
      "14:OPENAI_API_KEY",
      "15:ANTHROPIC_API_KEY",
      "16:SMALL_OPENAI_MODEL",
      "17:LARGE_ANTHROPIC_MODEL",
      "18:OPENROUTER_API_KEY",
      "21:POSTGRES_URL",
      "22:PGLITE_DATA_DIR",
      "24:JWT_SIGNING_KEY_PEM",
      "29:DISCORD_APPLICATION_ID",
      "30:DISCORD_API_TOKEN",
      "33:TELEGRAM_BOT_TOKEN",
      "36:TWITTER_USERNAME",
      "37:TWITTER_PASSWORD",
      "38:TWITTER_EMAIL",
      "39:TWITTER_2FA_SECRET",
      "40:TWITTER_DRY_RUN",
      "41:POST_INTERVAL_MIN",
      "42:ACTION_TIMELINE_TYPE",
      "45:AGENT_GREETING",
      "46:AGENT_SYSTEM_PROMPT",
    ]);
  });

  it("unquotes, unescapes and strips comments the way the agent reads them", () => {
    const env = values(fixture);
    expect(env).toMatchObject({
      NODE_ENV: "production",
      CLIENT_PORT: "5173",
      CACHE_STORE: "database",
      DEFAULT_LOG_LEVEL: "info",
      ANTHROPIC_API_KEY: "sk-ant-api03-Zp9QwErTyUiOp4AsDf",
      OPENROUTER_API_KEY: "",
      POSTGRES_URL: "postgresql://eliza:s3cr3t-P%40ss@db.internal:5432/eliza?sslmode=require",
      TWITTER_PASSWORD: "p#ssw0rd with spaces",
      AGENT_GREETING: "Hello,\nI am Pioneer.",
      AGENT_SYSTEM_PROMPT: 'You are Pioneer, a helpful guide. Use "plain" words = short answers.',
    });
    expect(env.JWT_SIGNING_KEY_PEM).toBe(
      "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ\n-----END PRIVATE KEY-----",
    );
  });
});

describe("parseEnv values", () => {
  it("keeps '=' inside values and a '#' that no whitespace precedes", () => {
    expect(values("URL=https://x.example/?a=1&b=2#frag\nPASS=abc#123 # the comment")).toEqual({
      URL: "https://x.example/?a=1&b=2#frag",
      PASS: "abc#123",
    });
  });

  it("takes single-quoted and backtick values literally, escapes included", () => {
    expect(values("A='no\\nescape'\nB=`it's \\n raw`")).toEqual({ A: "no\\nescape", B: "it's \\n raw" });
  });

  it("unescapes \\n, \\t, \\\" and \\\\ in double quotes and keeps unknown escapes as written", () => {
    expect(values('A="line\\nnext\\ttab \\"quoted\\" back\\\\slash \\d"')).toEqual({ A: 'line\nnext\ttab "quoted" back\\slash \\d' });
  });

  it("reads empty values in every form as the empty string", () => {
    expect(values('A=\nB=""\nC=\'\'\nD=   # nothing here')).toEqual({ A: "", B: "", C: "", D: "" });
  });

  it("accepts Windows line endings, a byte-order mark and indented lines", () => {
    expect(values("\uFEFFA=1\r\n  export B=2\r\n\t# comment\r\n")).toEqual({ A: "1", B: "2" });
  });

  it("keeps the indentation and blank lines inside a multi-line quoted value", () => {
    expect(values("CERT='first\n  indented\n\nlast'\nNEXT=1")).toEqual({ CERT: "first\n  indented\n\nlast", NEXT: "1" });
  });
});

describe("parseEnv problems", () => {
  it("reports every malformed line at once, with its number and the fix", () => {
    const text = [
      "GOOD=1", //                      1
      "MY-KEY=value", //                2
      "1PASSWORD=x", //                 3
      "JUST_A_WORD", //                 4
      "=orphan", //                     5
      'QUOTED="closed" trailing', //    6
      "GOOD=2", //                      7
      "LAST='never closed", //          8
    ].join("\n");
    expect(problems(text)).toEqual([
      '.env:2: "MY-KEY" is not a valid name: use letters, digits and "_", not starting with a digit (such as MY_KEY)',
      '.env:3: "1PASSWORD" is not a valid name: use letters, digits and "_", not starting with a digit (such as _1PASSWORD)',
      '.env:4: "JUST_A_WORD" is not an assignment: write JUST_A_WORD=<value> (or JUST_A_WORD= for an empty value), or start the line with # to make it a comment',
      '.env:5: the line has no name before "=": write NAME=value',
      '.env:6: unexpected text "trailing" after the closing " of QUOTED: put it inside the quotes, or start a comment with " #"',
      ".env:7: GOOD is already set on line 1: keep one of the two lines (the import never picks one for you)",
      ".env:8: LAST opens a ' quote that is never closed: add the closing ' at the end of the value",
    ]);
  });

  it("reports an unclosed quote that swallows later assignments on its own line, and still reads the lines after it", () => {
    const parsed = parseEnv('A="unclosed\nB=2\nC="three"\n');
    expect(parsed.problems).toEqual([
      {
        line: 1,
        message: 'A opens a " quote that is never closed (as written, it runs on and swallows line 2, 3): add the closing " at the end of the value',
      },
    ]);
    expect(parsed.entries.map((entry) => [entry.name, entry.value])).toEqual([
      ["B", "2"],
      ["C", "three"],
    ]);
  });

  it("refuses duplicate names rather than letting the last one win silently", () => {
    const parsed = parseEnv("OPENAI_API_KEY=old\nOPENAI_API_KEY=new");
    expect(parsed.problems).toEqual([
      { line: 2, message: "OPENAI_API_KEY is already set on line 1: keep one of the two lines (the import never picks one for you)" },
    ]);
  });

  it("finds nothing wrong in an empty file or one of comments only", () => {
    expect(parseEnv("")).toEqual({ entries: [], problems: [] });
    expect(parseEnv("# only\n\n   # comments\n")).toEqual({ entries: [], problems: [] });
  });
});
