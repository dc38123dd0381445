#!/usr/bin/env bash
# Starts a throwaway Kubernetes control plane on 127.0.0.1 for end-to-end tests: etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler, kwok (three fake nodes on which pods
# become Running and Ready, and which report the CPU and memory use that pods' annotations simulate)
# and metrics-server (serving metrics.k8s.io through the API server's aggregation layer, as on DOKS,
# so the controller-manager's autoscalers act on it). Everything it creates lives in <state-dir>;
# stop it with stop.sh.
#
#   e2e/control-plane/start.sh <state-dir>     then: source <state-dir>/env
#
# Binaries come from the directories in PLATFORM_E2E_CONTROL_PLANE_BIN (colon-separated, as printed
# by `e2e/toolchain/build.sh --print-env`), then from PATH. Needs openssl, curl and node.
# PLATFORM_E2E_CONTROL_PLANE_TIMEOUT (seconds, default 90) bounds every wait.
set -euo pipefail

NODE_COUNT=3
KUBE_VERSION="v1.33.13" # what the fake nodes report as their kubelet version
SERVICE_CIDR="10.96.0.0/16"
SERVICE_FIRST_IP="10.96.0.1" # the `kubernetes` Service's ClusterIP: must be in the serving cert
POD_CIDR="10.244.0.1/16"     # kwok hands out pod IPs from here
TIMEOUT="${PLATFORM_E2E_CONTROL_PLANE_TIMEOUT:-90}"
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok metrics-server)

die() { echo "start.sh: $*" >&2; exit 1; }
log() { printf '[%6ss] %s\n' "$(elapsed)" "$*"; }
now_ms() { date +%s%3N; }
T0="$(now_ms)"
elapsed() { local ms=$(($(now_ms) - T0)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }

[[ $# -eq 1 && -n "$1" && "$1" != -* ]] || { echo "usage: $0 <state-dir>" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# --- binaries ----------------------------------------------------------------------------------
find_bin() { # name → path, from PLATFORM_E2E_CONTROL_PLANE_BIN then PATH
  local dir dirs
  IFS=: read -r -a dirs <<<"${PLATFORM_E2E_CONTROL_PLANE_BIN:-}"
  for dir in "${dirs[@]}"; do
    if [[ -n "$dir" && -x "$dir/$1" && ! -d "$dir/$1" ]]; then echo "$dir/$1" && return 0; fi
  done
  command -v "$1"
}
declare -A BIN
missing=()
for c in "${COMPONENTS[@]}"; do BIN[$c]="$(find_bin "$c")" || missing+=("$c"); done
[[ ${#missing[@]} -eq 0 ]] || die "missing ${missing[*]} (looked in PLATFORM_E2E_CONTROL_PLANE_BIN='${PLATFORM_E2E_CONTROL_PLANE_BIN:-}' and PATH): build with e2e/toolchain/build.sh, then eval \"\$(e2e/toolchain/build.sh --print-env)\""
for tool in openssl curl node; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[[ ${#missing[@]} -eq 0 ]] || die "missing ${missing[*]} on PATH (needed to create certificates and talk to the API server)"

# --- state directory ---------------------------------------------------------------------------
mkdir -p "$1"
STATE="$(cd "$1" && pwd)"
PKI="$STATE/pki" LOGS="$STATE/logs" PIDS="$STATE/pids" KCFG="$STATE/kubeconfigs" RUN="$STATE/run"
for c in "${COMPONENTS[@]}"; do
  pidfile="$PIDS/$c.pid"
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null &&
    { tr '\0' '\n' <"/proc/$(cat "$pidfile")/cmdline"; } 2>/dev/null | grep -qF -- "$STATE/"; then
    die "a control plane is already running from $STATE ($c pid $(cat "$pidfile")): stop it with $HERE/stop.sh $STATE"
  fi
done
# Only what this script writes is removed: a state dir may be any directory the caller chose.
rm -rf "$PKI" "$LOGS" "$PIDS" "$KCFG" "$RUN" "$STATE/etcd" "$STATE/kwok" "$STATE/kubeconfig" "$STATE/env"
mkdir -p "$PKI" "$LOGS" "$PIDS" "$KCFG" "$RUN" "$STATE/kwok"
touch "$STATE/.platform-e2e-control-plane" # stop.sh --purge only deletes directories carrying this

READY=0
on_exit() {
  local status=$?
  [[ $READY -eq 1 ]] && return
  trap - EXIT INT TERM
  echo "start.sh: control plane failed to start after $(elapsed)s (exit $status)" >&2
  for c in "${COMPONENTS[@]}"; do
    [[ -f "$LOGS/$c.log" ]] || continue
    echo "----- last 40 lines of $LOGS/$c.log -----" >&2
    tail -n 40 "$LOGS/$c.log" >&2 || true
  done
  "$HERE/stop.sh" "$STATE" >&2 || true
  exit $((status == 0 ? 1 : status))
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- ports -------------------------------------------------------------------------------------
# Random ports below the Linux ephemeral range, skipping ports in use and ports handed to another
# start.sh in the last 5 minutes (a shared, flock-guarded list), so parallel runs do not collide
# in the seconds between choosing a port and binding it.
port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}
reserve_ports() { # count → PORTS
  local registry="${TMPDIR:-/tmp}/platform-e2e-control-plane.$(id -u).ports" fd now recent p
  exec {fd}>>"$registry.lock"
  if command -v flock >/dev/null; then flock -w 30 "$fd" || die "could not lock $registry.lock"; fi
  now="$(date +%s)"
  recent="$(awk -v now="$now" 'NF == 2 && $2 > now - 300' "$registry" 2>/dev/null || true)"
  declare -A taken=()
  for p in $(awk '{print $1}' <<<"$recent"); do taken[$p]=1; done
  PORTS=()
  while [[ ${#PORTS[@]} -lt $1 ]]; do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    [[ -z "${taken[$p]:-}" ]] && ! port_in_use "$p" || continue
    taken[$p]=1 && PORTS+=("$p")
  done
  { [[ -z "$recent" ]] || echo "$recent"; for p in "${PORTS[@]}"; do echo "$p $now"; done; } >"$registry.tmp.$$"
  mv -f "$registry.tmp.$$" "$registry" || rm -f "$registry.tmp.$$"
  exec {fd}>&-
}
reserve_ports 7
ETCD_PORT="${PORTS[0]}" ETCD_PEER_PORT="${PORTS[1]}" API_PORT="${PORTS[2]}" KCM_PORT="${PORTS[3]}" SCHED_PORT="${PORTS[4]}"
KWOK_PORT="${PORTS[5]}" METRICS_SERVER_PORT="${PORTS[6]}"
API_URL="https://127.0.0.1:$API_PORT"
ETCD_URL="http://127.0.0.1:$ETCD_PORT"
printf '%s=%s\n' etcd "$ETCD_PORT" etcd-peer "$ETCD_PEER_PORT" kube-apiserver "$API_PORT" \
  kube-controller-manager "$KCM_PORT" kube-scheduler "$SCHED_PORT" kwok "$KWOK_PORT" metrics-server "$METRICS_SERVER_PORT" >"$STATE/ports"

# The apiserver listens on 127.0.0.1 only (--bind-address), but advertises a non-loopback address:
# it writes the advertise address into the `kubernetes` Endpoints/EndpointSlice, and Endpoints
# validation rejects loopback addresses, so advertising 127.0.0.1 leaves that Service without
# endpoints. Nothing needs to reach the advertised address (fake nodes run no pods), so this
# machine's own address is used: a stray connection to it is refused at once rather than hanging.
ADVERTISE_ADDRESS="${PLATFORM_E2E_ADVERTISE_ADDRESS:-}"
if [[ -z "$ADVERTISE_ADDRESS" ]]; then
  ADVERTISE_ADDRESS="$( (ip -4 -o route get 1.1.1.1 2>/dev/null || true) | sed -n 's/.* src \([0-9.]*\).*/\1/p')"
  [[ -n "$ADVERTISE_ADDRESS" ]] || ADVERTISE_ADDRESS="$( (hostname -I 2>/dev/null || true) | tr ' ' '\n' | grep -E '^[0-9.]+$' | grep -v '^127\.' | head -n1 || true)"
  [[ -n "$ADVERTISE_ADDRESS" ]] || ADVERTISE_ADDRESS="10.255.255.254" # no network at all: any non-loopback address does
fi
log "state $STATE, apiserver $API_URL (advertising $ADVERTISE_ADDRESS), etcd $ETCD_URL"

# --- PKI ---------------------------------------------------------------------------------------
umask 077
new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
sign() { # name subject extensions... → $PKI/<name>.{key,crt}, signed by the CA
  local name="$1" subject="$2"
  shift 2
  new_key "$PKI/$name.key"
  printf '%s\n' "[ext]" "basicConstraints = critical,CA:FALSE" "keyUsage = critical,digitalSignature,keyEncipherment" \
    "authorityKeyIdentifier = keyid" "$@" >"$RUN/$name.ext"
  openssl req -new -key "$PKI/$name.key" -subj "$subject" -out "$RUN/$name.csr" 2>/dev/null
  openssl x509 -req -in "$RUN/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 30 -sha256 -extfile "$RUN/$name.ext" -extensions ext -out "$PKI/$name.crt" 2>/dev/null
}
new_key "$PKI/ca.key"
printf '%s\n' "[req]" "distinguished_name = dn" "prompt = no" "[dn]" "CN = platform-e2e-ca" "[ext]" \
  "basicConstraints = critical,CA:TRUE" "keyUsage = critical,keyCertSign,cRLSign,digitalSignature" \
  "subjectKeyIdentifier = hash" >"$RUN/ca.cnf"
openssl req -x509 -new -key "$PKI/ca.key" -config "$RUN/ca.cnf" -extensions ext -days 30 -sha256 -out "$PKI/ca.crt" 2>/dev/null
sign kube-apiserver "/CN=kube-apiserver" "extendedKeyUsage = serverAuth" \
  "subjectAltName = IP:127.0.0.1,IP:$ADVERTISE_ADDRESS,IP:$SERVICE_FIRST_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
sign admin "/O=system:masters/CN=platform-e2e-admin" "extendedKeyUsage = clientAuth"
sign kube-controller-manager "/CN=system:kube-controller-manager" "extendedKeyUsage = clientAuth"
sign kube-scheduler "/CN=system:kube-scheduler" "extendedKeyUsage = clientAuth"
# kwok plays every node's kubelet: in system:nodes, as kubelets are, besides its admin rights.
sign kwok "/O=system:masters/O=system:nodes/CN=kwok" "extendedKeyUsage = clientAuth"
# A person with a cluster admin's rights, as people on a managed cluster have: what admission
# policies must still refuse.
sign person "/O=system:masters/O=platform:people/CN=jane.doe@degen.dev" "extendedKeyUsage = clientAuth"
# The aggregation layer: the API server proxies metrics.k8s.io to metrics-server as this client,
# which metrics-server trusts to name the original caller in headers (--requestheader-allowed-names).
sign front-proxy-client "/CN=front-proxy-client" "extendedKeyUsage = clientAuth"
# metrics-server reads nodes and pods and answers the aggregated API; the API server verifies its
# serving certificate under the name of the Service that the APIService points at.
sign metrics-server "/O=system:masters/CN=system:metrics-server" "extendedKeyUsage = serverAuth,clientAuth" \
  "subjectAltName = DNS:metrics-server.kube-system.svc,DNS:localhost,IP:127.0.0.1"
# kwok serves every fake node's kubelet endpoint (/metrics/nodes/<node>/metrics/resource) on one
# port of this machine; metrics-server verifies it against the cluster CA.
sign kwok-server "/CN=kwok-server" "extendedKeyUsage = serverAuth" "subjectAltName = DNS:localhost,IP:127.0.0.1"
new_key "$PKI/service-account.key"
openssl pkey -in "$PKI/service-account.key" -pubout -out "$PKI/service-account.pub" 2>/dev/null

b64() { base64 <"$1" | tr -d '\n'; }
kubeconfig() { # file user cert-name
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: platform-e2e
  cluster:
    server: $API_URL
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(b64 "$PKI/$3.crt")
    client-key-data: $(b64 "$PKI/$3.key")
contexts:
- name: platform-e2e
  context:
    cluster: platform-e2e
    user: $2
current-context: platform-e2e
EOF
}
kubeconfig "$STATE/kubeconfig" platform-e2e admin
for c in kube-controller-manager kube-scheduler kwok metrics-server person; do kubeconfig "$KCFG/$c" "$c" "$c"; done
umask 022
log "certificates and kubeconfigs written"

# --- processes ---------------------------------------------------------------------------------
# Each component runs in its own session (it outlives this script and a Ctrl-C in the caller's
# terminal) and writes its own pid before exec'ing, so the pid file names the component itself.
launch() { # name command...
  local name="$1" pid i
  shift
  setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$PIDS/$name.pid" "$@" \
    </dev/null >>"$LOGS/$name.log" 2>&1 &
  for ((i = 0; i < 100; i++)); do
    if [[ -f "$PIDS/$name.pid" ]]; then
      pid="$(cat "$PIDS/$name.pid")"
      # wait for the exec, so stop.sh recognises the process by its command line
      [[ "$({ tr '\0' '\n' <"/proc/$pid/cmdline"; } 2>/dev/null | head -n1)" == "bash" ]] || return 0
    fi
    sleep 0.05
  done
  die "$name did not start"
}
check_alive() {
  local c pid
  for c in "${COMPONENTS[@]}"; do
    [[ -f "$PIDS/$c.pid" ]] || continue
    pid="$(cat "$PIDS/$c.pid")"
    if ! kill -0 "$pid" 2>/dev/null || [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]]; then
      die "$c (pid $pid) exited: see $LOGS/$c.log"
    fi
  done
}
wait_for() { # description command...: polls until the command succeeds, TIMEOUT seconds at most
  local what="$1" deadline=$((SECONDS + TIMEOUT))
  shift
  until "$@" >/dev/null 2>&1; do
    check_alive
    ((SECONDS < deadline)) || die "timed out after ${TIMEOUT}s waiting for $what"
    sleep 0.5
  done
  log "$what"
}
api() { # method path [curl args]: the API server as cluster admin
  curl -sS --fail-with-body --max-time 10 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    -X "$1" "$API_URL$2" "${@:3}"
}
create() { # path json
  api POST "$1" -H 'Content-Type: application/json' -d "$2" >"$RUN/last-response.json" ||
    die "POST $1 failed: $(cat "$RUN/last-response.json")"
}
json_check() { # js expression over `o` (the parsed stdin), exit status from its truthiness
  node -e 'const o = JSON.parse(require("fs").readFileSync(0, "utf8")); process.exit(eval(process.argv[1]) ? 0 : 1)' "$1"
}

# etcd: plain HTTP on loopback (a throwaway store), no fsync (its data dies with the run).
launch etcd "${BIN[etcd]}" --name=platform-e2e --data-dir="$STATE/etcd" \
  --listen-client-urls="$ETCD_URL" --advertise-client-urls="$ETCD_URL" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="platform-e2e=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state=new \
  --initial-cluster-token="platform-e2e-$API_PORT" --unsafe-no-fsync=true --log-level=warn
etcd_healthy() { curl -sf --max-time 2 "$ETCD_URL/health" | grep -q '"health":"true"'; }
wait_for "etcd healthy" etcd_healthy

# kube-apiserver: the default admission plugins stay on (PodSecurity, ValidatingAdmissionPolicy,
# DefaultStorageClass, ...) so namespaces' Pod Security labels are enforced as in a real cluster.
launch kube-apiserver "${BIN[kube-apiserver]}" \
  --bind-address=127.0.0.1 --secure-port="$API_PORT" --advertise-address="$ADVERTISE_ADDRESS" \
  --etcd-servers="$ETCD_URL" \
  --tls-cert-file="$PKI/kube-apiserver.crt" --tls-private-key-file="$PKI/kube-apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/service-account.pub" --service-account-signing-key-file="$PKI/service-account.key" \
  --service-cluster-ip-range="$SERVICE_CIDR" \
  --authorization-mode=Node,RBAC --allow-privileged=true \
  --requestheader-client-ca-file="$PKI/ca.crt" --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --proxy-client-cert-file="$PKI/front-proxy-client.crt" --proxy-client-key-file="$PKI/front-proxy-client.key" \
  --cert-dir="$RUN/kube-apiserver" --profiling=false
apiserver_ready() { [[ "$(api GET /readyz)" == ok ]]; }
wait_for "kube-apiserver ready" apiserver_ready

version="$(api GET /version | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).gitVersion)')"
if [[ "$version" != v1.* ]]; then
  echo "start.sh: warning: kube-apiserver reports version '$version': the binaries are not version-stamped (go build -ldflags -X k8s.io/component-base/version.gitVersion=...); clients that check the server version, such as the Pulumi Kubernetes provider (minimum v1.13), will refuse this cluster" >&2
fi
api GET /apis/admissionregistration.k8s.io/v1 | json_check 'o.resources.some((r) => r.name === "validatingadmissionpolicies")' ||
  die "admissionregistration.k8s.io/v1 validatingadmissionpolicies is not served"

launch kube-controller-manager "${BIN[kube-controller-manager]}" \
  --kubeconfig="$KCFG/kube-controller-manager" \
  --authentication-kubeconfig="$KCFG/kube-controller-manager" --authorization-kubeconfig="$KCFG/kube-controller-manager" \
  --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --cert-dir="$RUN/kube-controller-manager" \
  --leader-elect=false --use-service-account-credentials=true \
  --root-ca-file="$PKI/ca.crt" --service-account-private-key-file="$PKI/service-account.key" \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --service-cluster-ip-range="$SERVICE_CIDR" --cluster-name=platform-e2e \
  --enable-hostpath-provisioner=true --profiling=false \
  --horizontal-pod-autoscaler-sync-period=15s # upstream's and DOKS's default; e2e/src/autoscaling.ts counts on it

launch kube-scheduler "${BIN[kube-scheduler]}" \
  --kubeconfig="$KCFG/kube-scheduler" \
  --authentication-kubeconfig="$KCFG/kube-scheduler" --authorization-kubeconfig="$KCFG/kube-scheduler" \
  --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --cert-dir="$RUN/kube-scheduler" \
  --leader-elect=false --profiling=false

# kwok: without a Stage for Node or Pod in --config it uses its built-in ones (node-initialize,
# node-heartbeat, pod-ready, pod-complete, pod-delete), which make nodes Ready and pods Running and
# Ready. The config adds Stages that fill status.loadBalancer of Ingresses and of LoadBalancer
# Services, which Pulumi waits for. A Stage's resourceRef.apiGroup is a group/version.
# The Metric and ClusterResourceUsage make kwok answer as a kubelet's resource metrics endpoint does
# (the series metrics-server reads), with each container's CPU and memory taken from its pod's
# annotations kwok.x-k8s.io/usage-cpu and kwok.x-k8s.io/usage-memory: a test sets a pod's load by
# annotating it. CPU is reported as the counter a kubelet reports, integrated by kwok over time.
# --node-lease-duration-seconds keeps node Leases renewed; without it kwok's status heartbeat is so
# rare that the node lifecycle controller marks the nodes NotReady after its grace period.
cat >"$STATE/kwok/stages.yaml" <<'EOF'
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ingress-load-balancer
spec:
  resourceRef:
    apiGroup: networking.k8s.io/v1
    kind: Ingress
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.loadBalancer.ingress'
      operator: 'DoesNotExist'
  next:
    patches:
    - subresource: status
      root: status
      template: |
        loadBalancer:
          ingress:
          - ip: 127.0.0.1
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: service-load-balancer
spec:
  resourceRef:
    apiGroup: v1
    kind: Service
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.spec.type'
      operator: 'In'
      values:
      - 'LoadBalancer'
    - key: '.status.loadBalancer.ingress'
      operator: 'DoesNotExist'
  next:
    patches:
    - subresource: status
      root: status
      template: |
        loadBalancer:
          ingress:
          - ip: 127.0.0.1
            ipMode: VIP
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterResourceUsage
metadata:
  name: usage-from-annotations
spec:
  usages:
  - usage:
      cpu:
        expression: |
          "kwok.x-k8s.io/usage-cpu" in pod.metadata.annotations
          ? Quantity(pod.metadata.annotations["kwok.x-k8s.io/usage-cpu"]) : Quantity("1m")
      memory:
        expression: |
          "kwok.x-k8s.io/usage-memory" in pod.metadata.annotations
          ? Quantity(pod.metadata.annotations["kwok.x-k8s.io/usage-memory"]) : Quantity("16Mi")
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Metric
metadata:
  name: kubelet-resource-metrics
spec:
  path: /metrics/nodes/{nodeName}/metrics/resource
  metrics:
  - name: node_cpu_usage_seconds_total
    help: Cumulative CPU time consumed by the node in core-seconds
    kind: counter
    dimension: node
    value: node.CumulativeUsage("cpu")
  - name: node_memory_working_set_bytes
    help: Current working set of the node in bytes
    kind: gauge
    dimension: node
    value: node.Usage("memory")
  - name: container_start_time_seconds
    help: Start time of the container since unix epoch in seconds
    kind: gauge
    dimension: container
    labels: &container
    - {name: container, value: container.name}
    - {name: namespace, value: pod.metadata.namespace}
    - {name: pod, value: pod.metadata.name}
    value: pod.metadata.creationTimestamp.UnixSecond()
  - name: container_cpu_usage_seconds_total
    help: Cumulative CPU time consumed by the container in core-seconds
    kind: counter
    dimension: container
    labels: *container
    value: pod.CumulativeUsage("cpu", container.name)
  - name: container_memory_working_set_bytes
    help: Current working set of the container in bytes
    kind: gauge
    dimension: container
    labels: *container
    value: pod.Usage("memory", container.name)
EOF
# KWOK_WORKDIR keeps kwok from also loading ~/.kwok/kwok.yaml (only kwok reads it).
export KWOK_WORKDIR="$STATE/kwok"
launch kwok "${BIN[kwok]}" \
  --kubeconfig="$KCFG/kwok" --config="$STATE/kwok/stages.yaml" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --manage-nodes-with-label-selector= \
  --disregard-status-with-annotation-selector=kwok.x-k8s.io/status=custom \
  --cidr="$POD_CIDR" --node-ip=10.0.1.254 --node-lease-duration-seconds=40 \
  --server-address="127.0.0.1:$KWOK_PORT" --node-port="$KWOK_PORT" \
  --tls-cert-file="$PKI/kwok-server.crt" --tls-private-key-file="$PKI/kwok-server.key"

# metrics-server: with the flags of the chart cluster-base installs (3.13.1: a 15 s resolution, the
# port the node status names), scraping each node at kwok's port under the path its annotation
# names. The nodes carry an InternalDNS address of localhost for it; all else uses their InternalIPs.
launch metrics-server "${BIN[metrics-server]}" \
  --kubeconfig="$KCFG/metrics-server" \
  --authentication-kubeconfig="$KCFG/metrics-server" --authorization-kubeconfig="$KCFG/metrics-server" \
  --bind-address=127.0.0.1 --secure-port="$METRICS_SERVER_PORT" --cert-dir="$RUN/metrics-server" \
  --tls-cert-file="$PKI/metrics-server.crt" --tls-private-key-file="$PKI/metrics-server.key" \
  --kubelet-preferred-address-types=InternalDNS --kubelet-use-node-status-port \
  --kubelet-certificate-authority="$PKI/ca.crt" --metric-resolution=15s

# --- cluster objects ---------------------------------------------------------------------------
zones=(e2e-a e2e-b e2e-c)
for ((i = 1; i <= NODE_COUNT; i++)); do
  name="e2e-node-$i" zone="${zones[$(((i - 1) % ${#zones[@]}))]}"
  resources='{"cpu":"8","memory":"32Gi","pods":"110","ephemeral-storage":"100Gi"}'
  create /api/v1/nodes '{
    "apiVersion": "v1", "kind": "Node",
    "metadata": {
      "name": "'"$name"'",
      "labels": {
        "type": "kwok", "kubernetes.io/hostname": "'"$name"'", "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
        "node-role.kubernetes.io/worker": "", "topology.kubernetes.io/region": "e2e", "topology.kubernetes.io/zone": "'"$zone"'"
      },
      "annotations": {
        "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0",
        "metrics.k8s.io/resource-metrics-path": "/metrics/nodes/'"$name"'/metrics/resource"
      }
    },
    "spec": {},
    "status": {
      "allocatable": '"$resources"', "capacity": '"$resources"',
      "addresses": [
        {"type": "InternalIP", "address": "10.0.1.'"$i"'"}, {"type": "Hostname", "address": "'"$name"'"},
        {"type": "InternalDNS", "address": "localhost"}
      ],
      "nodeInfo": {
        "kubeletVersion": "'"$KUBE_VERSION"'", "kubeProxyVersion": "'"$KUBE_VERSION"'", "containerRuntimeVersion": "kwok://v0.7.0",
        "operatingSystem": "linux", "architecture": "amd64", "kernelVersion": "kwok", "osImage": "kwok",
        "machineID": "", "systemUUID": "", "bootID": ""
      },
      "phase": "Running"
    }
  }'
done
# Immediate binding: a claim binds as soon as it is created, whether or not a pod uses it.
create /apis/storage.k8s.io/v1/storageclasses '{
  "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
  "metadata": {"name": "standard", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
  "provisioner": "kubernetes.io/host-path", "reclaimPolicy": "Delete",
  "volumeBindingMode": "Immediate", "allowVolumeExpansion": true
}'
log "created $NODE_COUNT fake nodes and the default StorageClass standard"

# metrics.k8s.io through the aggregation layer. An ExternalName Service is how an APIService reaches
# a server outside the cluster network: the API server dials <externalName>:<APIService port>.
create /api/v1/namespaces/kube-system/services '{
  "apiVersion": "v1", "kind": "Service",
  "metadata": {"name": "metrics-server", "namespace": "kube-system"},
  "spec": {"type": "ExternalName", "externalName": "localhost"}
}'
create /apis/apiregistration.k8s.io/v1/apiservices '{
  "apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService",
  "metadata": {"name": "v1beta1.metrics.k8s.io"},
  "spec": {
    "group": "metrics.k8s.io", "version": "v1beta1", "groupPriorityMinimum": 100, "versionPriority": 100,
    "service": {"name": "metrics-server", "namespace": "kube-system", "port": '"$METRICS_SERVER_PORT"'},
    "caBundle": "'"$(b64 "$PKI/ca.crt")"'"
  }
}'
log "registered metrics.k8s.io (metrics-server on 127.0.0.1:$METRICS_SERVER_PORT)"

# --- readiness ---------------------------------------------------------------------------------
healthz() { [[ "$(curl -sk --fail --max-time 2 "https://127.0.0.1:$1/healthz")" == ok ]]; }
nodes_ready() { # every fake node Ready and untainted (the not-ready taint is gone), so pods schedule
  api GET "/api/v1/nodes?labelSelector=type%3Dkwok" | json_check "o.items.length === $NODE_COUNT && o.items.every((n) =>
    (n.status.conditions || []).some((c) => c.type === 'Ready' && c.status === 'True') && !(n.spec.taints || []).length)"
}
default_service_account() { api GET /api/v1/namespaces/default/serviceaccounts/default; }
kubernetes_endpoints() {
  api GET /api/v1/namespaces/default/endpoints/kubernetes |
    json_check "(o.subsets || []).some((s) => (s.addresses || []).some((a) => a.ip === '$ADVERTISE_ADDRESS'))" &&
    api GET /apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes |
    json_check "(o.endpoints || []).some((e) => e.addresses.includes('$ADVERTISE_ADDRESS'))"
}
wait_for "kube-controller-manager healthy" healthz "$KCM_PORT"
wait_for "kube-scheduler healthy" healthz "$SCHED_PORT"
wait_for "kubernetes Service endpoints" kubernetes_endpoints
wait_for "default ServiceAccount created" default_service_account
wait_for "$NODE_COUNT kwok nodes Ready" nodes_ready
metrics_api_available() {
  api GET /apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io |
    json_check "(o.status.conditions || []).some((c) => c.type === 'Available' && c.status === 'True')"
}
wait_for "metrics.k8s.io available" metrics_api_available
check_alive

{
  printf 'export KUBECONFIG=%q\n' "$STATE/kubeconfig"
  printf 'export PLATFORM_E2E_KUBE_API_SERVER=%q\n' "$API_URL"
  printf 'export PLATFORM_E2E_CONTROL_PLANE_STATE=%q\n' "$STATE"
} >"$STATE/env"
READY=1
log "control plane ready in $(elapsed)s: source $STATE/env (KUBECONFIG, context platform-e2e); stop with $HERE/stop.sh $STATE"
