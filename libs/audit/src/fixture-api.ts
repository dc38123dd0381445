import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiGroupList, ApiResourceList, AuditedType } from "./discovery";
import type { KubeApi } from "./kube-api";
import type { KubeList } from "./objects";

/** A KubeApi that answers from recorded responses (see fixtures/README.md) and records every list call. */
export function fixtureKubeApi(
  dir: string,
  overrides: { list?: (type: AuditedType, namespace: string) => KubeList | Error | undefined } = {},
): KubeApi & { readonly listed: string[] } {
  const read = <T>(path: string): T => JSON.parse(readFileSync(join(dir, path), "utf8")) as T;
  const listed: string[] = [];
  return {
    description: `fixture ${dir.split("/").pop()}`,
    listed,
    coreResources: async () => read<ApiResourceList>("discovery/api-v1.json"),
    apiGroups: async () => read<ApiGroupList>("discovery/apis.json"),
    groupResources: async (groupVersion) => read<ApiResourceList>(`discovery/${groupVersion.replace("/", "_")}.json`),
    namespaces: async () => read<KubeList>("cluster/namespaces.json"),
    list: async (type, namespace, continueToken) => {
      listed.push(`${namespace}/${type.plural}.${type.apiVersion}${continueToken ? " (next page)" : ""}`);
      const override = overrides.list?.(type, namespace);
      if (override instanceof Error) throw override;
      if (override) return override;
      const file = `cluster/${namespace}/${type.plural}.${type.apiVersion.replace("/", "_")}${continueToken ? ".page2" : ""}.json`;
      return existsSync(join(dir, file)) ? read<KubeList>(file) : { items: [] };
    },
  };
}
