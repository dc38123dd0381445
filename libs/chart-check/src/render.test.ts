import { describe, expect, it } from "vitest";
import { crdApiVersions, parseRendered, templateArgs } from "./render";

const OUTPUT = `---
# Source: demo/templates/pdb.yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: demo
spec:
  minAvailable: 1
---
# Source: demo/templates/empty.yaml
---
# Source: demo/crds/widgets.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.org
spec:
  group: example.org
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - { name: v1, served: true, storage: true }
    - { name: v1alpha1, served: false, storage: false }
---
# Source: demo/templates/broken.yaml
kind: ConfigMap
data: {}
`;

describe("parseRendered", () => {
  it("splits CRDs from other objects, skips empty documents and names malformed ones by their template", () => {
    const rendered = parseRendered(OUTPUT);
    expect(rendered.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["PodDisruptionBudget/demo"]);
    expect(rendered.crds.map((o) => o.metadata.name)).toEqual(["widgets.example.org"]);
    expect(rendered.malformed).toEqual(["demo/templates/broken.yaml renders a document without apiVersion, kind and metadata.name"]);
  });

  it("tells helm the served versions of every CRD, as group/version and group/version/Kind", () => {
    expect(crdApiVersions(parseRendered(OUTPUT).crds)).toEqual(["example.org/v1", "example.org/v1/Widget"]);
  });
});

describe("templateArgs", () => {
  it("renders for the control plane's version, with CRDs, without chart tests", () => {
    expect(templateArgs({ releaseName: "r", chartDir: "/c", namespace: "ns", valuesFile: "/v.json", kubeVersion: "v1.33.13", apiVersions: ["example.org/v1"] })).toEqual([
      "template", "r", "/c", "--namespace", "ns", "--values", "/v.json", "--kube-version", "v1.33.13", "--include-crds", "--skip-tests", "--api-versions", "example.org/v1",
    ]);
  });
});
