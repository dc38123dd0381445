#!/usr/bin/env bash
# Stops the control plane that start.sh started from <state-dir>: TERM, up to 10 s of grace, then
# KILL. Only processes named in <state-dir>/pids whose command line is still that component's,
# started with this state directory, are signalled, so a stale pid file never hits another process.
# Idempotent: with nothing running it just tidies the pid files.
#
#   e2e/control-plane/stop.sh <state-dir> [--purge]    --purge also deletes <state-dir>
set -euo pipefail

usage() { echo "usage: $0 <state-dir> [--purge]" >&2; exit 2; }
purge=0 state=""
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    -*) usage ;;
    *) [[ -z "$state" ]] || usage; state="$arg" ;;
  esac
done
[[ -n "$state" ]] || usage
if [[ ! -d "$state" ]]; then
  echo "stop.sh: $state does not exist: nothing to stop"
  exit 0
fi
STATE="$(cd "$state" && pwd)"
PIDS="$STATE/pids"
GRACE_SECONDS=10
# Stopped in this order: clients first, etcd last.
COMPONENTS=(metrics-server kwok kube-scheduler kube-controller-manager kube-apiserver etcd)

cmdline() { # pid → its argv, one per line
  if [[ -r "/proc/$1/cmdline" ]]; then { tr '\0' '\n' <"/proc/$1/cmdline"; } 2>/dev/null; else ps -o args= -p "$1" 2>/dev/null | tr ' ' '\n'; fi
}
alive() { # a zombie counts as gone
  kill -0 "$1" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}
ours() { # pid component → whether the process is that component, started for this state dir
  local args
  args="$(cmdline "$1")" || return 1
  [[ "$(basename -- "$(head -n1 <<<"$args")")" == "$2" ]] && grep -qF -- "$STATE/" <<<"$args"
}

# kube-controller-manager's hostpath provisioner makes an empty directory under /tmp/hostpath_pv/
# for each volume it provisions: while the API server still answers, remove this cluster's ones.
api_url="$(sed -n 's/^export PLATFORM_E2E_KUBE_API_SERVER=//p' "$STATE/env" 2>/dev/null || true)"
if [[ -n "$api_url" && -f "$STATE/pki/admin.key" ]] && command -v curl >/dev/null; then
  { curl -sf --max-time 5 --cacert "$STATE/pki/ca.crt" --cert "$STATE/pki/admin.crt" --key "$STATE/pki/admin.key" \
    "$api_url/api/v1/persistentvolumes" 2>/dev/null || true; } |
    grep -oE '"path": ?"/tmp/hostpath_pv/[0-9a-f-]{36}"' | grep -oE '/tmp/hostpath_pv/[0-9a-f-]{36}' |
    while read -r dir; do rmdir -- "$dir" 2>/dev/null || true; done || true # no volumes left: grep finds none
  rmdir /tmp/hostpath_pv 2>/dev/null || true
fi

targets=() names=()
for c in "${COMPONENTS[@]}"; do
  pidfile="$PIDS/$c.pid"
  [[ -f "$pidfile" ]] || continue
  pid="$(cat "$pidfile")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" && ours "$pid" "$c"; then
    kill -TERM "$pid" 2>/dev/null || true
    targets+=("$pid") names+=("$c")
  else
    rm -f "$pidfile" # stale: the process is gone, or the pid now belongs to something else
  fi
done

deadline=$((SECONDS + GRACE_SECONDS))
while :; do
  remaining=()
  for pid in "${targets[@]}"; do alive "$pid" && remaining+=("$pid"); done
  [[ ${#remaining[@]} -gt 0 && $SECONDS -lt $deadline ]] || break
  sleep 0.2
done
for i in "${!targets[@]}"; do
  pid="${targets[$i]}"
  if alive "$pid" && ours "$pid" "${names[$i]}"; then
    echo "stop.sh: ${names[$i]} (pid $pid) ignored TERM for ${GRACE_SECONDS}s: killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
done
for i in "${!targets[@]}"; do
  for _ in $(seq 50); do alive "${targets[$i]}" || break; sleep 0.1; done
  rm -f "$PIDS/${names[$i]}.pid"
done
[[ ${#names[@]} -eq 0 ]] && echo "stop.sh: nothing running from $STATE" || echo "stop.sh: stopped ${names[*]}"

if [[ $purge -eq 1 ]]; then
  if [[ -f "$STATE/.platform-e2e-control-plane" ]]; then
    rm -rf -- "$STATE"
    echo "stop.sh: removed $STATE"
  else
    echo "stop.sh: not removing $STATE: start.sh did not create it (no .platform-e2e-control-plane marker)" >&2
    exit 1
  fi
fi
