#!/usr/bin/env bash
# Smoke test of the container image, for CI on a fresh Debian machine (no Docker engine: podman + runc).
# Installs podman, runc and debootstrap if missing; makes a local JRE base image without a registry
# (debootstrap bookworm + openjdk-17-jre-headless, cached); builds the image from the Dockerfile; runs it
# against its embedded simulator with a named volume on /app/data until a handoff is logged; checks it
# runs as non-root, that its health check reports healthy, that the handoff record is on the volume and that
# the JVM starts from the image's class-data archive;
# prints the image size and start time. Removes the container and volume. Bounded by SMOKE_TIMEOUT (s,
# default 1200); exits non-zero on failure.
set -Eeuo pipefail

if [ -z "${CONTAINER_SMOKE_BOUNDED:-}" ]; then
  export CONTAINER_SMOKE_BOUNDED=1
  exec timeout --kill-after=30 "${SMOKE_TIMEOUT:-1200}" bash "$0" "$@"
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
start=$SECONDS
name="cxone-handoff-smoke-$$"
volume="cxone-handoff-smoke-data-$$"
base=localhost/bookworm-jre17:local
image=localhost/cxone-handoff:dev
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cxone-handoff"
log() { echo "[container-smoke +$((SECONDS - start))s] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# rootful podman with runc: the runtime and limits that work on this kind of machine (camel-notes)
podman_() { as_root podman --runtime runc "$@"; }
cleanup() {
  podman_ rm -f -t 5 "$name" >/dev/null 2>&1 || true
  podman_ volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT
fail() { podman_ logs "$name" 2>&1 | tail -30 || true; log "FAILED: $*"; exit 1; }

missing=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (Debian)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -f target/cxone-handoff.jar ] && [ -f target/hawtio/hawtio.war ] || { log "building the jar"; mvn -q -B -DskipTests package; }

if ! podman_ image exists "$base"; then
  log "making the base image $base (debootstrap bookworm + openjdk-17-jre-headless)"
  rootfs="$cache/rootfs-bookworm-jre17"
  if [ ! -x "$rootfs/usr/bin/java" ]; then
    as_root rm -rf "$rootfs"
    mkdir -p "$cache"
    as_root debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" \
      "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
    as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  fi
  as_root tar -C "$rootfs" -c . | podman_ import - "$base" >/dev/null
fi
log "base image ready: $base"

build_start=$SECONDS
# docker format: the OCI image format has no HEALTHCHECK
podman_ build -q --format docker --ulimit nofile=1024:1024 --ulimit nproc=1000:1000 \
  --build-arg BASE_IMAGE="$base" -t "$image" . >/dev/null
size=$(podman_ image inspect --format '{{.Size}}' "$image")
base_size=$(podman_ image inspect --format '{{.Size}}' "$base")
log "image built in $((SECONDS - build_start)) s: $image, $((size / 1000000)) MB ($(( (size - base_size) / 1000000 )) MB over the JRE base)"

podman_ volume create "$volume" >/dev/null
run_start=$SECONDS
run_epoch=$(date +%s%N)
# no CXONE_BASE_URL: the embedded simulator runs inside the container
podman_ run -d --name "$name" --ulimit nofile=1024:1024 --ulimit nproc=1000:1000 \
  -v "$volume:/app/data" -e CXONE_RATE_LIMIT_RPS=50 "$image" >/dev/null

wait_for() { # seconds, description, command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 2))); do
    if "$@"; then return 0; fi
    [ "$(podman_ inspect --format '{{.State.Running}}' "$name")" = true ] || fail "the container exited"
    sleep 0.5
  done
  fail "no $what within $limit s"
}
logs_have() { podman_ logs "$name" 2>&1 | grep -q "$1"; }
wait_for 120 "subscribed event stream" logs_have "Event stream connected, authenticated and subscribed"
subscribed_ms=$(( ($(date +%s%N) - run_epoch) / 1000000 ))
log "container start to subscribed event stream: ${subscribed_ms} ms (the app's own start-up: $(podman_ logs "$name" 2>&1 | grep -o 'started in [0-9a-z.]*' | head -1))"
wait_for 120 "handoff" logs_have "Handoff interaction=.*outcome=transferred"
log "handoff seen $((SECONDS - run_start)) s after start: $(podman_ logs "$name" 2>&1 | grep -o 'Handoff interaction=.*' | head -1)"

uid=$(podman_ exec "$name" id -u)
[ "$uid" != 0 ] || fail "runs as root"
log "runs as uid $uid ($(podman_ exec "$name" id -un))"
podman_ exec "$name" test -s /app/data/handoffs-done.txt || fail "no handoff record on the /app/data volume"
log "handoff record on the volume: $(podman_ exec "$name" wc -l /app/data/handoffs-done.txt)"
healthy() { podman_ healthcheck run "$name" >/dev/null 2>&1; }
wait_for 60 "healthy health check" healthy
log "health check: healthy (GET /observe/health/ready answered 200 inside the container)"
# the class-data archive made at build time: mapped by the JVM (PID 1), not refused as stale or foreign
podman_ exec "$name" grep -q /app/cxone-handoff.jsa /proc/1/maps || fail "the JVM runs without its class-data archive /app/cxone-handoff.jsa"
log "class-data archive in use: /app/cxone-handoff.jsa, $(podman_ exec "$name" du -h /app/cxone-handoff.jsa | cut -f1)"
log "passed in $((SECONDS - start)) s"
