#!/usr/bin/env bash
# Start-up time and handoff durations of the packaged jar against the embedded simulator
# (simulator latency 20 ms per REST call, chats of 0-250 messages): once as `java -jar` starts it, once from the
# class-data archive as the container image starts it (bin/class-data-archive; made here when missing or stale).
# Usage: mvn -q -DskipTests package && bench/startup.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
archive=target/cxone-handoff.jsa
ms_of() { # HH:MM:SS.mmm of today -> epoch ms
  date -d "$(date +%F) $1" +%s%3N
}
measure() { # label, JVM options...
  local label=$1 log start subscribed; shift
  log=$(mktemp)
  start=$(date +%s%3N)
  timeout "$seconds" java "$@" -jar target/cxone-handoff.jar >"$log" 2>&1 || true
  subscribed=$(grep -m1 "connected, authenticated and subscribed" "$log" | cut -d' ' -f1)
  echo "$label: JVM launch to subscribed event stream: $(( $(ms_of "$subscribed") - start )) ms"
  grep -o "duration_ms=[0-9]*" "$log" | cut -d= -f2 | sort -n | awk '
    { d[NR] = $1 } END {
      if (NR == 0) { print "  no handoff seen"; exit 1 }
      printf "  handoffs: %d   duration ms (event queued to transfer answered): p50 %d  p90 %d  max %d\n",
             NR, d[int(NR * 0.5) + (NR * 0.5 > int(NR * 0.5))], d[int(NR * 0.9) + (NR * 0.9 > int(NR * 0.9))], d[NR] }'
  rm -f "$log"
}
measure "java -jar"
bin/class-data-archive --if-stale target/cxone-handoff.jar "$archive" >&2
measure "from the class-data archive" -XX:SharedArchiveFile="$archive"
