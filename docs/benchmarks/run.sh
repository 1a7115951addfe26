#!/usr/bin/env bash
# Reproduces the numbers in docs/benchmarks.md on this machine and prints them.
#
#   bash docs/benchmarks/run.sh
#
# 1. packages the service (H2 default) and starts it from a copy in a temporary directory with an empty ./data:
#    first start (ingests the five bundled seeds), then RSS;
# 2. search latency: sequential GET /api/search over one kept-alive connection (BENCH_SEARCHES, default 200);
# 3. ingestion rate: POSTs BENCH_ARTICLES (default 40) generated articles whose texts all differ, sums the
#    chunkCount of the responses and divides by the wall time; RSS again;
# 4. raw embedding rate of the model on exactly those chunks, in batches of 16 as the service embeds them, in a
#    plain JVM (docs/benchmarks/EmbeddingRate.java) with the service stopped;
# 5. second start on the same ./data (nothing new to ingest), then RSS;
# 6. raw embedding rate of the model in the same session, from the retrieval evaluation
#    (./mvnw -q -Peval test -Dtest=RetrievalEvaluationTest, which rewrites docs/evaluation/retrieval.md).
# Set BENCH_SKIP_BUILD=1 to reuse target/quarkus-app, BENCH_SKIP_EVAL=1 to skip step 6, BENCH_JAVA_OPTS to pass
# JVM options (e.g. -Xmx256m) to the service. Each line ends with the load average: numbers taken while other
# processes compete for the cores are not comparable.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly SEARCHES="${BENCH_SEARCHES:-200}"
readonly ARTICLES="${BENCH_ARTICLES:-40}"
read -r -a JAVA_OPTIONS <<<"${BENCH_JAVA_OPTS:-}"
WORK=$(mktemp -d -t crosscheck-bench.XXXXXX)
PID=""
PORT=""

load() { printf '[load %s]' "$(cut -d' ' -f1 /proc/loadavg)"; }
log() { printf '%s [bench] %s\n' "$(date '+%H:%M:%S')" "$*" >&2; }

cleanup() {
    local status=$?
    if [[ $status -ne 0 && -n $PID ]]; then
        kill -0 "$PID" 2>/dev/null || echo "the service (pid $PID) is gone" >&2
    fi
    stop_service
    if [[ $status -ne 0 ]]; then
        for log in "$WORK"/*.log; do
            [[ -f $log ]] && { echo "--- last lines of $log" >&2; tail -n 30 "$log" >&2; }
        done
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

start_service() {
    local name=$1
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # readiness is on the management interface; rate limits are off so that BENCH_SEARCHES of any size measure the
    # service, not the limiter
    MANAGEMENT_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local started_ns
    started_ns=$(date +%s%N)
    (cd "$WORK" && QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" CROSSCHECK_RATE_LIMIT_ENABLED=false exec java "${JAVA_OPTIONS[@]}" -jar quarkus-app/quarkus-run.jar >"$WORK/$name.log" 2>&1) &
    PID=$!
    # wall time from launch to ready with the corpus ingested
    if ! python3 docs/benchmarks/wait_ready.py "$MANAGEMENT_PORT" "$PID" 0.1; then
        tail -n 40 "$WORK/$name.log" >&2
        exit 1
    fi
    local ready_ms=$((($(date +%s%N) - started_ns) / 1000000))
    local quarkus ingestion
    quarkus=$(grep -o 'started in [0-9.]*s' "$WORK/$name.log" | head -n 1)
    ingestion=$(grep -o 'Corpus ingestion done.*' "$WORK/$name.log" | head -n 1)
    echo "$name: Quarkus ${quarkus}; ${ingestion}; launch to ready with corpus ingested: ${ready_ms} ms $(load)"
}

rss() {
    echo "$1: RSS $(($(ps -o rss= -p "$PID") / 1024)) MB $(load)"
}

stop_service() {
    if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID"
        wait "$PID" 2>/dev/null || true
    fi
    PID=""
}

search_latency() {
    python3 - "$PORT" "$SEARCHES" <<'PY'
import http.client, statistics, sys, time, urllib.parse
port, n = int(sys.argv[1]), int(sys.argv[2])
questions = [
    "how many north korean soldiers were killed",
    "how many troops did north korea send to russia",
    "how many north korean soldiers were wounded",
    "when did north korean troops stop fighting",
    "what did south korea's intelligence service say",
    "were north korean soldiers captured by ukraine",
    "how long have the troops been absent from the front",
    "what happened in the kursk region",
]
conn = http.client.HTTPConnection("localhost", port)
def get(q):
    conn.request("GET", "/api/search?" + urllib.parse.urlencode({"q": q, "k": 5}))
    r = conn.getresponse()
    r.read()
    assert r.status == 200, r.status
for q in questions:  # warm-up: model and JIT
    get(q)
times = []
for i in range(n):
    t = time.perf_counter()
    get(questions[i % len(questions)])
    times.append((time.perf_counter() - t) * 1000)
times.sort()
p = lambda q: times[min(len(times) - 1, int(round(q * len(times))) - 1)]
print(f"search over HTTP, {n} sequential requests (k=5, seeds only): p50 {p(0.5):.1f} ms, "
      f"p95 {p(0.95):.1f} ms, max {times[-1]:.1f} ms, mean {statistics.mean(times):.1f} ms "
      f"[load {open('/proc/loadavg').read().split()[0]}]")
PY
}

ingestion_rate() {
    python3 - "$PORT" "$ARTICLES" "$WORK/chunks.txt" <<'PY'
import http.client, json, random, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
towns = ["Arlen", "Brisk", "Carrow", "Dunmore", "Eastfield", "Fenwick", "Glenholm", "Harwick", "Ivybridge", "Kestrel"]
topics = [
    ("flood", "residents were evacuated", "the river rose {a} centimetres above its usual level"),
    ("strike", "workers walked out", "the union counted {a} members on the picket lines"),
    ("budget", "the council approved the plan", "the project is now expected to cost {a} million"),
    ("election", "turnout was counted", "{a} thousand ballots were cast in the district"),
    ("harvest", "farmers reported their yields", "wheat output fell by {a} percent on the year"),
]
def article(i):
    town = rng.choice(towns)
    topic, event, figure = rng.choice(topics)
    paragraphs = [f"{town} {topic} update number {i}"]
    for p in range(rng.randint(6, 10)):
        sentences = []
        for s in range(rng.randint(3, 6)):
            a, b = rng.randint(10, 9999), rng.randint(2, 95)
            sentences.append(rng.choice([
                f"Officials in {town} said {figure.format(a=a)}, according to a statement issued on day {b}.",
                f"By the evening {event}, and a spokesperson said about {a} people had been affected.",
                f"Independent observers put the figure at {a + b}, higher than the official estimate of {a}.",
                f"The regional office said it would publish a full report within {b} days of the {topic}.",
                f"Local reporters counted {b} vehicles and {a} residents near the main square at noon.",
                f"A second source, speaking on condition of anonymity, disputed the number and cited {a - b}.",
            ]))
        paragraphs.append(" ".join(sentences))
    return {"id": f"bench-{i:03d}", "title": paragraphs[0], "outlet": "Bench Wire", "publishedAt": "2025-03-01",
            "text": "\n\n".join(paragraphs)}
docs = [article(i) for i in range(n)]
conn = http.client.HTTPConnection("localhost", port, timeout=300)
chunks = chars = 0
start = time.perf_counter()
for doc in docs:
    body = json.dumps(doc)
    conn.request("POST", "/api/articles", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    payload = json.loads(r.read())
    assert r.status == 201, (r.status, payload)
    chunks += payload["chunkCount"]
    chars += len(doc["text"])
seconds = time.perf_counter() - start
with open(sys.argv[3], "w") as out:
    for doc in docs:
        conn.request("GET", f"/api/articles/{doc['id']}/chunks")
        r = conn.getresponse()
        for chunk in json.loads(r.read()):
            out.write(chunk["text"].replace("\n", " ") + "\n")
print(f"ingestion over HTTP: {n} articles, {chars} characters, {chunks} chunks in {seconds:.1f} s: "
      f"{chunks / seconds:.1f} chunks/s, {n / seconds:.2f} articles/s [load {open('/proc/loadavg').read().split()[0]}]")
PY
}

if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
    log "packaging"
    ./mvnw -q package -DskipTests
fi
cp -r target/quarkus-app "$WORK/"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"

log "first start on an empty ./data"
start_service first-start
rss "after first start"
log "search latency"
search_latency
log "ingestion rate"
ingestion_rate
rss "after ingesting the generated articles"
stop_service

log "raw embedding rate on the chunks just ingested, in a plain JVM with the service stopped"
java -cp "$WORK/quarkus-app/lib/main/*" docs/benchmarks/EmbeddingRate.java "$WORK/chunks.txt" 16 2>/dev/null |
    sed "s/\$/ $(load)/"

log "second start on the same ./data"
start_service second-start
rss "after second start (embedding model not loaded yet)"
curl -s -o /dev/null "http://localhost:${PORT}/api/search?q=warm+up"
rss "after second start and one search (model loaded)"
stop_service

if [[ -z ${BENCH_SKIP_EVAL:-} ]]; then
    log "raw embedding rate (retrieval evaluation)"
    ./mvnw -q -Peval test -Dtest=RetrievalEvaluationTest >"$WORK/eval.log" 2>&1 || { tail -n 40 "$WORK/eval.log"; exit 1; }
    grep -E 'raw embedding rate|search including' docs/evaluation/retrieval.md | sed "s/^- /retrieval evaluation: /; s/\$/ $(load)/"
fi
