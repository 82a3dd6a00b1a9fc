#!/usr/bin/env bash
# Smoke test of the Hawtio console (docs in README "Hawtio console"), for CI on a fresh machine:
# installs Debian's chromium and Node.js if missing, builds the jar, starts it (embedded simulator) with a
# random operator and viewer login (docs/console.md), waits for the console and a first handoff, then runs
# the browser test (ops/hawtio-browser-test: wrong password refused, operator login, the routes table lists
# the handoff routes, the route diagram, session cookie SameSite=Strict + HttpOnly, logout ends the
# session; the viewer sees the routes but stopping one is refused; Jolokia refuses anonymous requests and
# foreign origins, the operator MBeans answer). Checks no password is in a log line. Stops everything.
# Bounded by SMOKE_TIMEOUT (s, default 600); exits non-zero on failure.
set -Eeuo pipefail

if [ -z "${HAWTIO_SMOKE_BOUNDED:-}" ]; then
  export HAWTIO_SMOKE_BOUNDED=1
  exec timeout --kill-after=30 "${SMOKE_TIMEOUT:-600}" bash "$0" "$@"
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
work=$(mktemp -d "${TMPDIR:-/tmp}/hawtio-smoke.XXXXXX")
out="$repo/target/hawtio-test"
start=$SECONDS
app=
log() { echo "[hawtio-smoke +$((SECONDS - start))s] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
cleanup() {
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then
    kill -TERM -- "-$app" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$app" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (Debian)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -f target/cxone-handoff.jar ] && [ -f target/hawtio/hawtio.war ] || { log "building the jar"; mvn -q -B -DskipTests package; }
(cd ops/hawtio-browser-test && npm ci --no-audit --no-fund --loglevel=error)
log "tools ready: $(chromium --version 2>/dev/null | head -1), node $(node --version)"

user="ops-$RANDOM"
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
viewer="viewer-$RANDOM"
viewer_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
mkdir -p "$out"
log "starting the jar (console and management on free ports of 127.0.0.1)"
HAWTIO_USER=$user HAWTIO_PASSWORD=$password HAWTIO_VIEWER_USER=$viewer HAWTIO_VIEWER_PASSWORD=$viewer_password HAWTIO_PORT=0 \
  CXONE_HANDOFF_MANAGEMENT_PORT=0 CXONE_HANDOFF_DATA_DIR="$work/data" \
  setsid java -jar target/cxone-handoff.jar > "$work/app.log" 2>&1 &
app=$!

wait_for() { # seconds, description, command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 5))); do
    if "$@"; then return 0; fi
    kill -0 "$app" 2>/dev/null || { tail -30 "$work/app.log"; log "FAILED: the jar exited"; exit 1; }
    sleep 0.2
  done
  tail -30 "$work/app.log"; log "FAILED: no $what within $limit s"; exit 1
}
wait_for 90 "console" grep -q "Hawtio console at http://127.0.0.1:[0-9]*/hawtio" "$work/app.log"
console_port=$(grep -o "Hawtio console at http://127.0.0.1:[0-9]*" "$work/app.log" | head -1 | sed 's/.*://')
wait_for 30 "console answer" curl -sf -o /dev/null "http://127.0.0.1:$console_port/hawtio/"
log "console answers on port $console_port"
wait_for 90 "handoff" grep -q "Handoff interaction=.*outcome=transferred" "$work/app.log"
log "first handoff seen"

node ops/hawtio-browser-test/hawtio.test.mjs "http://127.0.0.1:$console_port" "$user" "$password" "$out" \
  "$viewer" "$viewer_password"

for secret in "$password" "$viewer_password"; do
  if grep -qF -- "$secret" "$work/app.log"; then log "FAILED: a console password is in the log"; exit 1; fi
done
log "no console password is in a log line"
log "passed in $((SECONDS - start)) s; screenshots in $out"
