/** The parts of a Kubernetes object that the audit reads, as the API server returns them. */
export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
}

export interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly operation?: string;
  readonly time?: string;
}

export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly type?: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly ownerReferences?: readonly OwnerReference[];
    readonly managedFields?: readonly ManagedFieldsEntry[];
  };
  readonly spec?: unknown;
}

/** A list response (`PodList`, `SecretList`...). Items of a list often lack apiVersion and kind. */
export interface KubeList {
  readonly metadata?: { readonly continue?: string };
  readonly items: readonly KubeObject[];
}

/** How one object is named in reports and rules: `Deployment degenquest/degen-server`. */
export interface ObjectKey {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export function keyString(key: ObjectKey): string {
  return `${key.kind} ${key.namespace}/${key.name}`;
}

/** The objects of one namespace, with the lookups that the rules need. */
export class NamespaceObjects {
  private readonly byUid = new Map<string, KubeObject>();
  private readonly byKindAndName = new Map<string, KubeObject>();

  constructor(
    readonly namespace: string,
    readonly objects: readonly KubeObject[],
  ) {
    for (const object of objects) {
      if (object.metadata.uid) this.byUid.set(object.metadata.uid, object);
      this.byKindAndName.set(`${object.kind}/${object.metadata.name}`, object);
    }
  }

  withUid(uid: string): KubeObject | undefined {
    return this.byUid.get(uid);
  }

  find(kind: string, name: string): KubeObject | undefined {
    return this.byKindAndName.get(`${kind}/${name}`);
  }

  ofKind(kind: string): KubeObject[] {
    return this.objects.filter((object) => object.kind === kind);
  }
}

export function keyOf(object: KubeObject, namespace: string): ObjectKey {
  return { kind: object.kind ?? "Unknown", namespace: object.metadata.namespace ?? namespace, name: object.metadata.name };
}
