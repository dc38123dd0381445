import { describe, expect, it } from "vitest";
import { declaredObjects, differences } from "./declared-objects";

describe("differences between a declared object and the live one", () => {
  const declared = {
    metadata: { name: "web", labels: { app: "web" }, annotations: { "pulumi.com/skipAwait": "false" } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: "web", resources: { limits: { cpu: "0.5", memory: "1Gi" } } }] } } },
  };
  const live = {
    metadata: { name: "web", labels: { app: "web", extra: "added" }, uid: "1", annotations: {} },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 10,
      template: { spec: { containers: [{ name: "web", imagePullPolicy: "IfNotPresent", resources: { limits: { cpu: "500m", memory: "1Gi" } } }] } },
    },
  };

  it("accepts defaults the API server adds, equal quantities and skips Pulumi's annotations", () => {
    expect(differences(declared, live)).toEqual([]);
  });

  it("names every declared value the live object changed or lacks, with its path", () => {
    const changed = structuredClone(live);
    changed.spec.replicas = 3;
    changed.spec.template.spec.containers[0]!.resources.limits.cpu = "2";
    delete (changed.metadata.labels as Record<string, string>).app;
    expect(differences(declared, changed)).toEqual([
      "metadata.labels.app: declared \"web\", live has none",
      "spec.replicas: declared 2, live 3",
      "spec.template.spec.containers[0].resources.limits.cpu: declared \"0.5\", live \"2\"",
    ]);
  });

  it("refuses a list of another length and a value of another shape", () => {
    expect(differences({ args: ["a", "b"] }, { args: ["a"] })).toEqual(["args: declared 2 items, live has 1"]);
    expect(differences({ spec: { ports: [1] } }, { spec: { ports: "1" } })).toEqual(['spec.ports: declared a list, live "1"']);
  });

  it("does not compare a Secret's stringData, which the API server stores as data", () => {
    expect(differences({ stringData: { password: "x" }, type: "Opaque" }, { data: { password: "eA==" }, type: "Opaque" })).toEqual([]);
  });
});

describe("declaredObjects", () => {
  it("takes the Kubernetes objects of a stack's state, skipping providers, components and Helm releases", () => {
    const objects = declaredObjects([
      { urn: "urn:pulumi:e2e::app::pulumi:providers:kubernetes::cluster", type: "pulumi:providers:kubernetes", custom: true },
      { urn: "urn:pulumi:e2e::app::platform:Service::web", type: "platform:Service", custom: false },
      { urn: "urn:pulumi:e2e::app::kubernetes:helm.sh/v3:Release::chart", type: "kubernetes:helm.sh/v3:Release", custom: true },
      {
        urn: "urn:pulumi:e2e::app::kubernetes:core/v1:Service::web",
        type: "kubernetes:core/v1:Service",
        custom: true,
        inputs: { spec: { ports: [{ port: 80 }] } },
        outputs: { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "app" } },
      },
      {
        urn: "urn:pulumi:e2e::app::kubernetes:core/v1:Namespace::app",
        type: "kubernetes:core/v1:Namespace",
        custom: true,
        outputs: { apiVersion: "v1", kind: "Namespace", metadata: { name: "app" } },
      },
    ]);
    expect(objects.map((object) => object.ref)).toEqual([
      { apiVersion: "v1", kind: "Service", name: "web", namespace: "app" },
      { apiVersion: "v1", kind: "Namespace", name: "app" },
    ]);
    expect(objects[0]!.inputs).toEqual({ spec: { ports: [{ port: 80 }] } });
  });

  it("opens the secrets of an exported state, where a Secret's data is one secret value", () => {
    const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(value) });
    const [object] = declaredObjects([
      {
        urn: "urn:pulumi:e2e::app::kubernetes:core/v1:Secret::keys",
        type: "kubernetes:core/v1:Secret",
        custom: true,
        inputs: { data: secret({ KEY: "c2VjcmV0" }), metadata: { name: "keys" } },
        outputs: { apiVersion: "v1", kind: "Secret", metadata: secret({ name: "keys", namespace: "app" }) },
      },
    ]);
    expect(object!.ref).toEqual({ apiVersion: "v1", kind: "Secret", name: "keys", namespace: "app" });
    expect(object!.inputs).toEqual({ data: { KEY: "c2VjcmV0" }, metadata: { name: "keys" } });
  });

  it("fails on an object whose state has no name", () => {
    expect(() =>
      declaredObjects([{ urn: "urn:x", type: "kubernetes:core/v1:ConfigMap", custom: true, outputs: { apiVersion: "v1", kind: "ConfigMap" } }]),
    ).toThrow("urn:x has no apiVersion, kind and name in its state");
  });
});
