/**
 * The commands a document tells people to run: `npm run <script>` (with `-w <workspace>`) and
 * `nx run <project>:<target>[:<configuration>]`, `nx <target> <project>`, `nx run-many -t ...`,
 * with or without `npx`. Only code is read (fenced blocks and `inline code`), so prose that
 * mentions Nx is not taken for a command. A segment written `<like-this>` is a placeholder. A
 * project that `nx g <generator> <name>` creates earlier in the same block is taken as existing.
 */
export type DocCommand =
  | { readonly kind: "npm-script"; readonly script: string; readonly workspace?: string; readonly at: Location }
  | { readonly kind: "nx-target"; readonly project: string; readonly target: string; readonly configuration?: string; readonly at: Location };

export interface Location {
  readonly file: string;
  readonly line: number;
  /** The command as written, for messages. */
  readonly text: string;
}

/** Nx's own commands: not targets, never checked against the project graph. */
const NX_BUILTINS = new Set([
  "add", "affected", "connect", "daemon", "exec", "format", "format:check", "format:write", "g", "generate", "graph", "import",
  "init", "list", "migrate", "release", "repair", "report", "reset", "run", "run-many", "show", "sync", "sync:check", "view-logs", "watch",
]);
const SHELL_END = /^(&&|\|\||\||;|#|>|2>|\))/;

export function isPlaceholder(segment: string): boolean {
  return /^<[^<>]+>$/.test(segment);
}

export function extractCommands(markdown: string, file: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const generatedIn = new Map<number, Set<string>>();
  codeLines(markdown).forEach(({ code, line, block }) => {
    const generated = generatedIn.get(block) ?? new Set<string>();
    generatedIn.set(block, generated);
    for (const command of splitCommands(code)) {
      const tokens = tokenize(command);
      const at = (text: string) => ({ file, line, text });
      for (let index = 0; index < tokens.length; index++) {
        if (tokens[index] === "npm") commands.push(...npmCommand(tokens.slice(index + 1), at));
        if (tokens[index] === "nx" && (index === 0 || tokens[index - 1] === "npx")) {
          const args = tokens.slice(index + 1);
          const created = generatedProject(args);
          if (created) generated.add(created);
          commands.push(...nxCommand(args, at).filter((found) => !(found.kind === "nx-target" && generated.has(found.project))));
        }
      }
    }
  });
  return commands;
}

/**
 * The code of a document, line by line: whole lines of fenced blocks, backtick spans elsewhere.
 * `block` groups the lines of one fenced block; each inline line is a block of its own.
 */
function codeLines(markdown: string): { code: string; line: number; block: number }[] {
  const out: { code: string; line: number; block: number }[] = [];
  let fencedBlock: number | undefined;
  markdown.split("\n").forEach((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fencedBlock = fencedBlock === undefined ? -(index + 1) : undefined;
      return;
    }
    if (fencedBlock !== undefined) out.push({ code: text, line: index + 1, block: fencedBlock });
    else for (const span of text.matchAll(/`([^`]+)`/g)) out.push({ code: span[1]!, line: index + 1, block: index + 1 });
  });
  return out;
}

/** The project that `nx g <generator> <name>` creates, if this is such a command. */
function generatedProject(args: string[]): string | undefined {
  const [verb, generator, name] = args;
  return (verb === "g" || verb === "generate") && generator && name && !name.startsWith("-") ? name : undefined;
}

function splitCommands(code: string): string[] {
  return code.split(/&&|\|\||;|\|/).map((part) => part.trim());
}

function tokenize(command: string): string[] {
  const tokens: string[] = [];
  for (const token of command.split(/\s+/).filter(Boolean)) {
    if (SHELL_END.test(token)) break;
    tokens.push(token.replace(/^["']|["']$/g, ""));
  }
  return tokens;
}

function npmCommand(args: string[], at: (text: string) => Location): DocCommand[] {
  const [verb, ...rest] = args;
  if (verb !== "run" && verb !== "run-script" && verb !== "test") return [];
  const words = verb === "test" ? ["test", ...rest] : rest;
  let workspace: string | undefined;
  let script: string | undefined;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (word === "--") break;
    if (word === "-w" || word === "--workspace") workspace = words[++index];
    else if (word.startsWith("--workspace=")) workspace = word.slice("--workspace=".length);
    else if (word.startsWith("-")) continue;
    else script ??= word;
  }
  if (!script) return [];
  const text = ["npm", ...args].join(" ");
  return [{ kind: "npm-script", script, ...(workspace ? { workspace } : {}), at: at(text) }];
}

function nxCommand(args: string[], at: (text: string) => Location): DocCommand[] {
  const [verb, ...rest] = args;
  if (!verb) return [];
  const text = ["nx", ...args].join(" ");
  const configuration = flagValue(rest, ["-c", "--configuration"]);
  if (verb === "run") {
    const spec = rest.find((word) => !word.startsWith("-"));
    const [project, target, specConfiguration] = spec?.split(":") ?? [];
    if (!project || !target) return [];
    const chosen = specConfiguration ?? configuration;
    return [{ kind: "nx-target", project, target, ...(chosen ? { configuration: chosen } : {}), at: at(text) }];
  }
  if (verb === "run-many" || verb === "affected") {
    const targets = flagValues(rest, ["-t", "--target", "--targets"]).flatMap((value) => value.split(","));
    return targets.map((target) => ({ kind: "nx-target", project: "<any>", target, ...(configuration ? { configuration } : {}), at: at(text) }));
  }
  if (NX_BUILTINS.has(verb) || verb.startsWith("-") || verb.includes(":")) return [];
  const project = rest.find((word) => !word.startsWith("-") && word !== configuration) ?? "<project in this folder>";
  return [{ kind: "nx-target", project, target: verb, ...(configuration ? { configuration } : {}), at: at(text) }];
}

function flagValue(words: string[], names: string[]): string | undefined {
  return flagValues(words, names)[0];
}

/** Values of a flag given as `--flag value`, `--flag=value` or `--flag a b c` (until the next flag). */
function flagValues(words: string[], names: string[]): string[] {
  const values: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const inline = names.map((name) => `${name}=`).find((prefix) => word.startsWith(prefix));
    if (inline) values.push(word.slice(inline.length));
    else if (names.includes(word)) {
      while (index + 1 < words.length && !words[index + 1]!.startsWith("-")) values.push(words[++index]!);
    }
  }
  return values;
}
