#!/usr/bin/env bash
# Two replicas of cxone-handoff on one machine, against one simulated tenant, and a failover you can watch:
#   mvn -q -DskipTests package && ops/two-replicas.sh [postgresql|file]
# postgresql (default): leader election by an advisory lock and the shared store in PostgreSQL. It uses
#   CXONE_HANDOFF_JDBC_URL (and _USER, _PASSWORD) when set; else a throwaway cluster of Debian's PostgreSQL
#   server (apt-get install postgresql, done here when run as root) on a loopback port, deleted at the end.
# file: leader election by a lock file, both replicas on one data directory (one host only).
# Steps: the simulator (generating chats), replica-a then replica-b; the one that subscribes is the leader, the
# other is ready and idle; after a few handoffs the leader is killed (kill -9); the takeover time is printed;
# the new leader hands off too; no chat is handed off by both. Everything it started is stopped at the end
# (also on failure or Ctrl-C), and its temporary files are deleted (TWO_REPLICAS_KEEP=1 keeps the logs).
# Bounded by TWO_REPLICAS_TIMEOUT (s, default 300).
set -Eeuo pipefail

if [ -z "${TWO_REPLICAS_BOUNDED:-}" ]; then
  export TWO_REPLICAS_BOUNDED=1
  exec timeout --kill-after=20 "${TWO_REPLICAS_TIMEOUT:-300}" bash "$0" "$@"
fi

mode=${1:-postgresql}
case $mode in postgresql|file) ;; *) echo "usage: $0 [postgresql|file]" >&2; exit 2 ;; esac
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
jar=target/cxone-handoff.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/two-replicas.XXXXXX")
chmod 755 "$work"
t0=$EPOCHREALTIME
pids=()
pg_bin= pg_data=

log() { awk -v a="$t0" -v b="$EPOCHREALTIME" -v m="$*" 'BEGIN { printf "[two-replicas +%.1fs] %s\n", b - a, m }'; }
fail() { log "FAILED: $*"; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

cleanup() {
  local i pid
  # the last started first: the replicas finish their handoffs while the simulator still answers
  for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do
    pid=${pids[$i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    as_postgres "'$pg_bin/pg_ctl' -D '$pg_data' -m fast -w stop" >/dev/null 2>&1 || true
  fi
  if [ -n "${TWO_REPLICAS_KEEP:-}" ]; then
    rm -rf "$work/pg"
    log "stopped everything it started; logs kept in $work"
  else
    rm -rf "$work"
    log "stopped everything it started; removed $work (TWO_REPLICAS_KEEP=1 keeps the logs)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# a TCP port free on 127.0.0.1 now
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port"
}

# HTTP status of GET http://127.0.0.1:$1$2 (bash only: no curl needed)
http_status() {
  ( exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    read -r -t 5 line <&3 || exit 1
    echo "$line" | cut -d' ' -f2 ) 2>/dev/null || echo 000
}

# waits up to $3 s until file $1 has a line containing $2
await_line() {
  local deadline=$(( SECONDS + $3 ))
  until grep -q -- "$2" "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || fail "no '$2' in $1 within $3 s"
    sleep 0.1
  done
}

# ---- the shared database ----------------------------------------------------------------------------
if [ "$mode" = postgresql ] && [ -z "${CXONE_HANDOFF_JDBC_URL:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ]; then
    log "installing Debian's PostgreSQL server (apt-get install postgresql)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  [ -n "$pg_bin" ] || fail "no PostgreSQL server: apt-get install postgresql, or set CXONE_HANDOFF_JDBC_URL"
  pg_data=$work/pg
  mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_data"
  pg_port=$(free_port)
  log "throwaway PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port"
  as_postgres "'$pg_bin/initdb' -D '$pg_data' -A trust -U cxone >/dev/null"
  as_postgres "'$pg_bin/pg_ctl' -D '$pg_data' -l '$pg_data/server.log' -w -o \"-p $pg_port -k '$pg_data' -c listen_addresses=127.0.0.1\" start >/dev/null"
  as_postgres "'$pg_bin/createdb' -h 127.0.0.1 -p $pg_port -U cxone cxone_handoff"
  export CXONE_HANDOFF_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/cxone_handoff"
  export CXONE_HANDOFF_JDBC_USER=cxone
fi

# ---- the simulated tenant, in a process of its own ----------------------------------------------------------
export CXONE_CLIENT_SECRET="sim-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
java -Dsimulator.chats-per-second=5 -Dsimulator.handoff-ratio=0.5 -cp "$jar" io.cxonehandoff.EmbeddedTenant \
  "$work/tenant.env" >"$work/simulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do [ -f "$work/tenant.env" ] && break; sleep 0.1; done
[ -f "$work/tenant.env" ] || fail "the simulator did not start (see $work/simulator.log)"
set -a
# shellcheck disable=SC1091
. "$work/tenant.env"
set +a
log "simulator at $CXONE_BASE_URL, generating chats"

# ---- two replicas ------------------------------------------------------------------------------------------
declare -A port logf pid_of
start_replica() {
  local name=$1
  port[$name]=$(free_port)
  logf[$name]=$work/$name.log
  local data=$work/data-$name
  [ "$mode" = file ] && data=$work/data-shared
  CXONE_HANDOFF_CLUSTER=$mode CXONE_HANDOFF_MEMBER_ID=$name CXONE_HANDOFF_MANAGEMENT_PORT=${port[$name]} \
    CXONE_HANDOFF_DATA_DIR=$data java -jar "$jar" >"${logf[$name]}" 2>&1 &
  pid_of[$name]=$!
  pids+=($!)
  log "started $name (pid ${pid_of[$name]}, health on 127.0.0.1:${port[$name]})"
}
subscribed="Event stream connected, authenticated and subscribed"

start_replica replica-a
await_line "${logf[replica-a]}" "$subscribed" 90
log "replica-a leads: it consumes the event stream"
start_replica replica-b
deadline=$(( SECONDS + 90 ))
until [ "$(http_status "${port[replica-b]}" /observe/health/ready)" = 200 ]; do
  [ $SECONDS -lt $deadline ] || fail "replica-b never became ready"
  sleep 0.2
done
grep -q "$subscribed" "${logf[replica-b]}" && fail "replica-b subscribed while replica-a leads"
log "replica-b is a follower: ready (GET /observe/health/ready -> 200), not subscribed"

await_line "${logf[replica-a]}" "outcome=transferred" 120
for _ in $(seq 1 300); do [ "$(grep -c "outcome=transferred" "${logf[replica-a]}")" -ge 3 ] && break; sleep 0.1; done
log "replica-a handed off $(grep -c "outcome=transferred" "${logf[replica-a]}") chats; now: kill -9 replica-a"

killed=$EPOCHREALTIME
kill -KILL "${pid_of[replica-a]}"
wait "${pid_of[replica-a]}" 2>/dev/null || true
await_line "${logf[replica-b]}" "$subscribed" 30
took=$(awk -v a="$killed" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
log "TAKEOVER: replica-b subscribed ${took} s after the kill (leadership: $(grep -m1 -o "Leadership of cxone-handoff taken by [^ ]*\|Lock on file [^ ]* acquired" "${logf[replica-b]}" || echo "?"))"

await_line "${logf[replica-b]}" "outcome=transferred" 120
log "replica-b hands off now: $(grep -m1 -o "Handoff interaction=[^ ]* .*outcome=[a-z_]*" "${logf[replica-b]}")"

# no chat handed off by both
ids() { grep -o "Handoff interaction=[^ ]*" "$1" | cut -d= -f2 | sort -u; }
both=$(comm -12 <(ids "${logf[replica-a]}") <(ids "${logf[replica-b]}") | wc -l)
[ "$both" = 0 ] || fail "$both chats were handed off by both replicas"
log "handoffs: replica-a $(ids "${logf[replica-a]}" | wc -l), replica-b $(ids "${logf[replica-b]}" | wc -l), by both: 0"
if [ -n "$pg_data" ]; then
  log "handoff_done in PostgreSQL, by replica:"
  as_postgres "'$pg_bin/psql' -h 127.0.0.1 -p $pg_port -U cxone -d cxone_handoff -At -F ' ' -c \"SELECT done_by, count(*) FROM handoff_done GROUP BY done_by ORDER BY done_by\"" \
    | sed 's/^/    /'
fi
log "done: stopping replica-b and the simulator"
