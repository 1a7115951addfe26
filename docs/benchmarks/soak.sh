#!/usr/bin/env bash
# Load and soak test of the packaged service (docs/benchmarks.md, "Load and soak"); not part of ./mvnw verify.
#
#   ./mvnw -o package -DskipTests && bash docs/benchmarks/soak.sh
#
# Starts target/quarkus-app from a copy in a temporary directory (so ./data, the embedded H2 database, starts empty)
# on free ports, with one editor key and SOAK_CLIENTS reader keys, waits on the management port until the bundled
# corpus is ingested, then runs docs/benchmarks/soak.py: SOAK_CLIENTS (20) concurrent chat clients on POST /api/chat
# for SOAK_SECONDS (60) while SOAK_ARTICLES (50) generated articles are ingested. Exit status 1 when any request failed
# (a non-2xx other than 429, or a transport error).
#
# SOAK_BASE=http://host:port targets a running service instead (its keys must match; SOAK_ARGS are passed to soak.py,
# e.g. "--ignore-retry-after"). SOAK_JAVA_OPTS are JVM options for the service.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly CLIENTS="${SOAK_CLIENTS:-20}"
readonly SECONDS_="${SOAK_SECONDS:-60}"
readonly ARTICLES="${SOAK_ARTICLES:-50}"
read -r -a EXTRA <<<"${SOAK_ARGS:-}"
read -r -a JAVA_OPTIONS <<<"${SOAK_JAVA_OPTS:-}"
WORK=""
PID=""

log() { printf '%s [soak] %s\n' "$(date '+%H:%M:%S')" "$*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cleanup() {
    if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    [[ -n $WORK ]] && rm -rf "$WORK"
    return 0
}
trap cleanup EXIT

keys() {
    local list="editorkey:editor" n
    for ((n = 1; n <= CLIENTS; n++)); do list+=",reader${n}:reader"; done
    echo "$list"
}

if [[ -n ${SOAK_BASE:-} ]]; then
    BASE=$SOAK_BASE
else
    [[ -f target/quarkus-app/quarkus-run.jar ]] || { log "no target/quarkus-app: run ./mvnw -o package -DskipTests first"; exit 2; }
    WORK=$(mktemp -d -t crosscheck-soak.XXXXXX)
    cp -r target/quarkus-app "$WORK/"
    PORT=$(free_port)
    MANAGEMENT_PORT=$(free_port)
    BASE="http://localhost:${PORT}"
    log "starting the service in ${WORK} on port ${PORT} (management ${MANAGEMENT_PORT})"
    (cd "$WORK" && QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
        CROSSCHECK_SECURITY_API_KEYS="$(keys)" exec java "${JAVA_OPTIONS[@]}" -jar quarkus-app/quarkus-run.jar \
        >"$WORK/service.log" 2>&1) &
    PID=$!
    python3 docs/benchmarks/wait_ready.py "$MANAGEMENT_PORT" "$PID" || { tail -n 40 "$WORK/service.log" >&2; exit 1; }
    log "ready: $(grep -o 'started in [0-9.]*s' "$WORK/service.log" | head -n 1); load $(cut -d' ' -f1 /proc/loadavg)"
fi

log "${CLIENTS} chat clients for ${SECONDS_} s while ${ARTICLES} articles are ingested, against ${BASE}"
status=0
python3 docs/benchmarks/soak.py --base "$BASE" --clients "$CLIENTS" --duration "$SECONDS_" --articles "$ARTICLES" \
    "${EXTRA[@]}" || status=$?
log "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $PID ]]; then
    log "service RSS $(($(ps -o rss= -p "$PID") / 1024)) MB; errors in its log: $(grep -c ' ERROR ' "$WORK/service.log" || true)"
fi
exit "$status"
