import { isPlaceholder, type DocCommand } from "./extract-commands";

/** What a command in a document may name: npm scripts and the Nx project graph's targets. */
export interface WorkspaceCommands {
  readonly rootScripts: ReadonlySet<string>;
  /** npm workspaces, found by package name (`@platform/audit`) or folder (`libs/audit`). */
  readonly workspaces: readonly { readonly name: string; readonly path: string; readonly scripts: ReadonlySet<string> }[];
  /** Project → target → configurations. */
  readonly nxProjects: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
}

/** One message per command that names something the workspace does not have, with what it does have. */
export function checkCommands(commands: readonly DocCommand[], workspace: WorkspaceCommands): string[] {
  return commands.flatMap((command) => {
    const problem = command.kind === "npm-script" ? checkNpm(command, workspace) : checkNx(command, workspace);
    return problem ? [`${command.at.file}:${command.at.line}: \`${command.at.text}\`: ${problem}`] : [];
  });
}

function checkNpm(command: Extract<DocCommand, { kind: "npm-script" }>, workspace: WorkspaceCommands): string | undefined {
  if (isPlaceholder(command.script)) return undefined;
  if (command.workspace === undefined) {
    return workspace.rootScripts.has(command.script)
      ? undefined
      : `the root package.json has no script "${command.script}"; it has: ${list(workspace.rootScripts)}`;
  }
  const target = workspace.workspaces.find((candidate) => candidate.name === command.workspace || candidate.path === command.workspace?.replace(/\/$/, ""));
  if (!target) return `no npm workspace "${command.workspace}"; there are: ${list(workspace.workspaces.map((candidate) => candidate.path))}`;
  return target.scripts.has(command.script) ? undefined : `${target.path}/package.json has no script "${command.script}"; it has: ${list(target.scripts)}`;
}

function checkNx(command: Extract<DocCommand, { kind: "nx-target" }>, workspace: WorkspaceCommands): string | undefined {
  const { project, target, configuration } = command;
  const concreteConfiguration = configuration !== undefined && !isPlaceholder(configuration) ? configuration : undefined;
  if (isPlaceholder(project)) {
    const candidates = [...workspace.nxProjects.values()].filter((targets) => targets.has(target));
    if (candidates.length === 0) return `no Nx project has a target "${target}"`;
    if (concreteConfiguration && !candidates.some((targets) => targets.get(target)!.has(concreteConfiguration))) {
      return `no Nx project has configuration "${concreteConfiguration}" for target "${target}"`;
    }
    return undefined;
  }
  const targets = workspace.nxProjects.get(project);
  if (!targets) return `no Nx project "${project}"; there are: ${list(workspace.nxProjects.keys())}`;
  const configurations = targets.get(target);
  if (!configurations) return `Nx project ${project} has no target "${target}"; it has: ${list(targets.keys())}`;
  if (concreteConfiguration && !configurations.has(concreteConfiguration)) {
    return `target ${project}:${target} has no configuration "${concreteConfiguration}"; it has: ${list(configurations) || "none"}`;
  }
  return undefined;
}

function list(values: Iterable<string>): string {
  return [...values].sort().join(", ");
}
