#!/usr/bin/env bash
# Smoke test of the Camel CLI path (docs/camel-run.md), for CI on a fresh machine (JDK 17, Maven):
#   1. builds the jar, gets the Camel CLI 4.17 (bin/camel), then runs `camel run` on the repository's
#      routes/ and application.properties with the embedded simulator (bin/camel-run) and waits for a
#      "Handoff interaction=... outcome=transferred" line;
#   2. runs `camel run --dev` on a COPY of routes/ and application.properties in a temporary directory
#      (then also edits a rule of the handoff policy and waits for a handoff it decided),
#      edits the copy of the handoff route (a marker in its log line) and waits for the marker to appear
#      in the output of the same, still running process;
#   3. runs bin/camel-run with CXONE_API_PROFILE=dfo (the dfo simulator: discovery, event hub, cases) until a
#      handoff line, within SMOKE_DFO_WAIT s.
# Checks along the way: the client secret appears in no output, the repository's files are unchanged,
# and after each run no process of it is left and none of its ports is still listening.
# Prints the time of each step; exits non-zero on any failure. Bounded by SMOKE_TIMEOUT (s, default 1200).
set -Eeuo pipefail

if [ -z "${CAMEL_RUN_SMOKE_BOUNDED:-}" ]; then
  export CAMEL_RUN_SMOKE_BOUNDED=1
  exec timeout --kill-after=40 "${SMOKE_TIMEOUT:-1200}" bash "$0" "$@"
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/camel-run-smoke.XXXXXX")
handoff_wait=${SMOKE_HANDOFF_WAIT:-180}   # s until the first handoff of a run
reload_wait=${SMOKE_RELOAD_WAIT:-120}     # s until the edited route's marker shows up
dfo_wait=${SMOKE_DFO_WAIT:-120}           # s until the first handoff of the dfo run
t0=$EPOCHREALTIME
step_start=$t0
group=            # process group of the run under way
failed=0

# so the simulator runs, whatever this shell has (run 3 chooses the dfo profile itself)
unset CXONE_BASE_URL CXONE_WS_URL CXONE_CLIENT_ID CXONE_CLIENT_SECRET CXONE_QUEUE_ID CXONE_API_PROFILE CXONE_AUTH_URL \
  CXONE_TENANT_ID CXONE_ACCESS_KEY_ID CXONE_ACCESS_KEY_SECRET CXONE_BOT_SKILL_IDS

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "[camel-run-smoke +$(elapsed "$t0" "$EPOCHREALTIME")s] $*"; }
step() { step_start=$EPOCHREALTIME; log "$*"; }
timing() { log "timing: $1 $(elapsed "$step_start" "$EPOCHREALTIME") s"; }
fail() {
  log "FAILED: $*"
  failed=1
  exit 1
}

# pids whose process group is $1 (read from /proc: no procps needed)
group_pids() {
  local pgid=$1 f stat fields
  for f in /proc/[0-9]*/stat; do
    stat=$(cat "$f" 2>/dev/null) || continue
    read -r -a fields <<< "${stat##*) }"   # state ppid pgrp ...
    if [ "${fields[2]}" = "$pgid" ]; then f=${f#/proc/}; echo "${f%/stat}"; fi
  done
}

# TCP ports in LISTEN state (optionally: only those owned by the given pids)
listening_ports() {
  local inodes=" " pid fd link
  if [ $# -gt 0 ]; then
    for pid in "$@"; do
      for fd in /proc/"$pid"/fd/*; do
        link=$(readlink "$fd" 2>/dev/null) || continue
        case $link in socket:\[*\]) inodes+="${link:8:-1} " ;; esac
      done
    done
  fi
  local _sl local_address _rem state _q _t _r _u _to inode _rest
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | while read -r _sl local_address _rem state _q _t _r _u _to inode _rest; do
    [ "$state" = "0A" ] || continue
    if [ $# -gt 0 ] && [[ $inodes != *" $inode "* ]]; then continue; fi
    echo $((16#${local_address##*:}))
  done | sort -un
}

# stops the run under way: TERM to its whole process group, KILL after 30 s; then checks that nothing of
# it is left: no process, no listening port
stop_run() {
  [ -n "$group" ] || return 0
  local pgid=$group ports="" pids left
  group=
  pids=$(group_pids "$pgid")
  # shellcheck disable=SC2086
  if [ -n "$pids" ]; then ports=$(listening_ports $pids); fi
  kill -TERM -- -"$pgid" 2>/dev/null || true
  for _ in $(seq 300); do
    [ -z "$(group_pids "$pgid")" ] && break
    sleep 0.1
  done
  left=$(group_pids "$pgid")
  if [ -n "$left" ]; then
    kill -KILL -- -"$pgid" 2>/dev/null || true
    log "processes still running 30 s after SIGTERM (killed): ${left//$'\n'/ }"
    return 1
  fi
  for port in $ports; do
    if listening_ports | grep -qx "$port"; then
      log "port $port still listening after the run stopped"
      return 1
    fi
  done
  ports=${ports:-none}
  log "stopped: no process left, no port left listening (were: ${ports//$'\n'/ })"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_run || status=1
  if [ "$failed" = 1 ] || [ "$status" != 0 ]; then
    log "logs kept in $work"
    for f in "$work"/*.log; do
      [ -f "$f" ] || continue
      echo "----- last lines of $f"
      tail -n 60 "$f" | sed 's/\x1b\[[0-9;]*m//g'
    done
    [ "$status" != 0 ] || status=1
  else
    rm -rf "$work"
  fi
  log "total $(elapsed "$t0" "$EPOCHREALTIME") s, exit $status"
  exit "$status"
}
trap cleanup EXIT
trap 'log "command failed (line $LINENO): $BASH_COMMAND"' ERR
trap 'fail "interrupted or out of time (SMOKE_TIMEOUT=${SMOKE_TIMEOUT:-1200} s)"' INT TERM

# starts bin/camel-run in DIR as its own process group, output to LOG
start_run() {
  local dir=$1 out=$2
  shift 2
  (cd "$dir" && exec setsid "$repo/bin/camel-run" "$@" > "$out" 2>&1 < /dev/null) &
  group=$!
  sleep 0.2
  [ "$(group_pids "$group" | head -n 1)" != "" ] || fail "bin/camel-run did not start"
}

# waits up to $3 s until LOG has a line matching the regex $2 (the run must stay up meanwhile)
wait_for_line() {
  local out=$1 pattern=$2 limit=$3 deadline
  deadline=$(( ${EPOCHREALTIME%.*} + limit ))
  while [ "${EPOCHREALTIME%.*}" -lt "$deadline" ]; do
    if grep -qE "$pattern" "$out"; then return 0; fi
    [ -n "$(group_pids "$group")" ] || fail "the run ended before a line matching /$pattern/ appeared"
    sleep 0.5
  done
  fail "no line matching /$pattern/ within $limit s"
}

# the pid of the `camel run` JVM of the run under way
camel_pid() {
  local pid
  for pid in $(group_pids "$group"); do
    if tr '\0' ' ' < /proc/"$pid"/cmdline 2>/dev/null | grep -q 'CamelCli'; then echo "$pid"; return; fi
  done
}

# the secret handed to the run must appear in none of its output
check_secret_not_written() {
  local out=$1 pid secret
  pid=$(camel_pid)
  [ -n "$pid" ] || fail "no camel run process found"
  secret=$(tr '\0' '\n' < /proc/"$pid"/environ | sed -n 's/^CXONE_CLIENT_SECRET=//p')
  [ -n "$secret" ] || fail "the camel run process has no CXONE_CLIENT_SECRET"
  if grep -rqF -- "$secret" "$out" "$work" "$repo/.camel-jbang" 2>/dev/null; then
    fail "the client secret was written to the output or a file"
  fi
  # the dfo profile's access key secret, when the run has one
  secret=$(tr '\0' '\n' < /proc/"$pid"/environ | sed -n 's/^CXONE_ACCESS_KEY_SECRET=//p')
  if [ -n "$secret" ] && grep -rqF -- "$secret" "$out" "$work" "$repo/.camel-jbang" 2>/dev/null; then
    fail "the access key secret was written to the output or a file"
  fi
  log "secrets: in the environment only, in no output or file"
}

handoff_line='Handoff interaction=[^ ]+ .*outcome=transferred'
repo_state() { if git -C "$repo" rev-parse --git-dir > /dev/null 2>&1; then git -C "$repo" status --porcelain; fi; }
state_before=$(repo_state)

java -version 2>&1 | sed -n 1p
mvn -v 2>&1 | sed -n 1p

step "build: mvn -q -B -DskipTests package"
(cd "$repo" && mvn -q -B -DskipTests package)
timing build

step "Camel CLI: bin/camel --version (fetches JBang and Camel 4.17 on first use)"
version=$("$repo/bin/camel" --version)
[ "$version" = "4.17.0" ] || fail "bin/camel --version printed '$version', expected 4.17.0"
timing "Camel CLI ready ($version)"

step "run 1: bin/camel-run in the repository (camel run routes/*.camel.yaml application.properties + jar, simulator)"
CXONE_HANDOFF_DATA_DIR=$work/data-run start_run "$repo" "$work/run.log"
wait_for_line "$work/run.log" "$handoff_line" "$handoff_wait"
timing "first handoff"
grep -m 1 -E "$handoff_line" "$work/run.log" | sed 's/\x1b\[[0-9;]*m//g'
check_secret_not_written "$work/run.log"
step "run 1: stop"
stop_run || fail "run 1 did not stop cleanly"
timing "stop"

step "run 2: bin/camel-run --dev on a copy of routes/ and application.properties"
mkdir -p "$work/dev"
cp -R "$repo/routes" "$repo/application.properties" "$work/dev/"
CXONE_HANDOFF_DATA_DIR=$work/data-dev start_run "$work/dev" "$work/dev.log" --dev
wait_for_line "$work/dev.log" "$handoff_line" "$handoff_wait"
timing "first handoff (dev mode)"
pid_before=$(camel_pid)

step "run 2: edit the copy of routes/handoff.camel.yaml (marker in the handoff log line)"
marker="SMOKE-RELOAD-$$-${RANDOM}"
route="$work/dev/routes/handoff.camel.yaml"
sed -i "s/message: \"Handoff interaction=\(.*\) outcome=transferred /message: \"$marker Handoff interaction=\1 outcome=transferred /" "$route"
grep -q "$marker" "$route" || fail "could not place the marker in $route (has its log-transferred line changed?)"
wait_for_line "$work/dev.log" "$marker $handoff_line" "$reload_wait"
timing "edited route live"
grep -m 1 -E "$marker" "$work/dev.log" | sed 's/\x1b\[[0-9;]*m//g'
grep -qE 'Routes reloaded summary' "$work/dev.log" || fail "no 'Routes reloaded' line"
[ "$(camel_pid)" = "$pid_before" ] || fail "the camel run process changed: restarted instead of reloaded"
starts=$(grep -cE 'Apache Camel [0-9.]+ \(cxone-handoff\) started' "$work/dev.log" || true)
[ "$starts" = 1 ] || fail "Camel started $starts times; expected once (reload without restart)"
log "reloaded in the same process (pid $pid_before), Camel started once"

step "run 2: edit a rule of the handoff policy in the copy of routes/handoff-rules.camel.yaml (the low-confidence rule's reason)"
rules="$work/dev/routes/handoff-rules.camel.yaml"
sed -i 's/constant: "{{handoff.reason.low-confidence}}"/constant: "smoke_edited_rule"/' "$rules"
grep -q 'smoke_edited_rule' "$rules" || fail "could not edit the low-confidence rule in $rules (has it changed?)"
wait_for_line "$work/dev.log" "Handoff interaction=[^ ]+ reason=smoke_edited_rule .*outcome=transferred" "$reload_wait"
timing "edited rule live"
[ "$(camel_pid)" = "$pid_before" ] || fail "the camel run process changed: restarted instead of reloaded"
log "the edited rule decides the handoffs, without a restart"
check_secret_not_written "$work/dev.log"
step "run 2: stop"
stop_run || fail "run 2 did not stop cleanly"
timing "stop"

step "run 3: CXONE_API_PROFILE=dfo bin/camel-run in the repository (routes/api/dfo.camel.yaml, application-dfo.properties, the dfo simulator)"
CXONE_API_PROFILE=dfo CXONE_HANDOFF_DATA_DIR=$work/data-dfo start_run "$repo" "$work/dfo.log"
wait_for_line "$work/dfo.log" "$handoff_line" "$dfo_wait"
timing "first dfo handoff"
grep -m 1 -E "$handoff_line" "$work/dfo.log" | sed 's/\x1b\[[0-9;]*m//g'
grep -q 'CXone simulator (dfo profile) listening' "$work/dfo.log" || fail "the simulator did not speak the dfo profile"
grep -q 'Event stream connected.*/event-hub' "$work/dfo.log" || fail "no event hub connection"
check_secret_not_written "$work/dfo.log"
step "run 3: stop"
stop_run || fail "run 3 did not stop cleanly"
timing "stop"

[ "$(repo_state)" = "$state_before" ] || fail "the repository's files changed: $(repo_state)"
log "repository files unchanged"
log "OK: camel run handed off chats (tutorial and dfo profiles), and --dev reloaded an edited route without a restart"
