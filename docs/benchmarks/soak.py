#!/usr/bin/env python3
"""Load and soak client for a running Crosscheck service (see docs/benchmarks.md, "Load and soak").

Runs CLIENTS concurrent chat clients on POST /api/chat for DURATION seconds while one ingester posts ARTICLES
generated articles to POST /api/articles, and prints errors (any non-2xx other than 429, and transport failures),
429s, throughput and per-request latency percentiles.

Each chat client sends its own reader key and the ingester the editor key, as `Authorization: Bearer KEY`, so that
the per-caller rate limits count each client apart, as in production. On a loopback target each client also calls
from its own address (127.0.0.10 + n), so that a service without those keys would still see twenty callers.
"""
import argparse
import http.client
import json
import math
import random
import statistics
import sys
import threading
import time
import urllib.parse

QUESTIONS = [
    "How many North Korean soldiers have been killed?",
    "How many troops did North Korea send?",
    "How many workers joined the strike?",
    "How many homes were flooded?",
    "What was the turnout in the election?",
    "How many hectares has the fire burned?",
    "How many jobs will the plant closure cost?",
    "How long do patients wait for surgery?",
    "How much will the new bridge cost?",
    "How many passengers were stranded?",
    "Do the sources agree on the number of evacuated residents?",
    "What did the union say about the strike?",
]

PLACES = ["Northport", "Kelsey Bay", "Arden", "Millbrook", "Stoneford", "Lowmoor", "Easthaven", "Carrow",
          "Wexley", "Brightwater", "Hollin Vale", "Marston Quay"]
OUTLETS = ["Harbour Gazette", "The Valley Courier", "Northern Daily", "Civic Ledger", "Morning Dispatch",
           "Coastal Record", "The Evening Post", "Regional Wire"]
NAMES = ["Maria Okafor", "Tom Reilly", "Ana Lindqvist", "Samuel Ortega", "Priya Nair", "Hannah Cole",
         "Joseph Mwangi", "Elena Varga", "Luis Ferreira", "Grace Adeyemi"]
# who speaks in each kind of story
ROLES = {
    "strike": ["the union's regional secretary", "a shop steward at the container terminal"],
    "flood": ["the mayor", "a spokeswoman for the county council"],
    "election": ["the electoral commissioner", "the returning officer"],
    "wildfire": ["the regional fire chief", "a spokesman for the civil protection agency"],
    "plant": ["the regional secretary of the metalworkers' union", "an economist at the local university"],
    "hospital": ["a consultant surgeon", "the chair of the patients' association"],
    "bridge": ["an opposition transport spokesman", "a civil engineer who reviewed the plans"],
    "transport": ["a passengers' group representative", "a member of the regional assembly"],
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def strike(r, place):
    high, low = r.randrange(1800, 4200, 50), r.randrange(700, 1700, 50)
    days = r.randint(2, 9)
    return (f"Strike at {place} port enters day {days}", [
        f"Dock workers in {place} stayed off the job for the {ordinal(days)} day on {{date}}, halting container traffic "
        f"at one of the region's busiest ports.",
        f"{{p0}}, {{r0}}, said {high:,} workers had joined the walkout, while the port authority put the number at "
        f"about {low:,} and said that several terminals were still operating.",
        f"Around {r.randint(12, 60)} ships were waiting at anchor outside the harbour, according to shipping data, "
        f"and hauliers reported queues of up to {r.randint(3, 14)} kilometres on the approach road.",
        f"The dispute is over a pay offer of {r.choice([2.5, 3, 3.5, 4])} per cent, which the union says falls short "
        f"of inflation. Talks are due to resume {r.choice(['on Monday', 'later this week', 'next week'])}.",
        f"\"We will stay out as long as it takes,\" {{p0}} told reporters outside the main gate.",
    ])


def flood(r, place):
    homes = r.randrange(120, 900, 10)
    return (f"Floods in {place} force evacuations", [
        f"Heavy rain overnight on {{date}} caused the river to burst its banks in {place}, flooding low-lying streets "
        f"and forcing residents to leave their homes.",
        f"{{p0}}, {{r0}}, said {homes} homes had been flooded and about {homes * r.randint(2, 3):,} residents evacuated; "
        f"emergency services gave a lower estimate of {homes - r.randrange(40, 110, 5)} homes.",
        f"Rainfall reached {r.randint(60, 140)} millimetres in {r.randint(12, 30)} hours, more than the usual total for "
        f"the whole month, the weather service said.",
        f"{r.randint(3, 9)} schools were closed and the main rail line was suspended between {place} and "
        f"{r.choice(PLACES)} while engineers inspected a damaged bridge.",
    ])


def election(r, place):
    turnout = round(r.uniform(38, 71), 1)
    return (f"{place} votes in a close mayoral race", [
        f"Voters in {place} chose a new mayor on {{date}} after a campaign dominated by housing and public transport.",
        f"{{p0}}, {{r0}}, said turnout was {turnout} per cent, up from {round(turnout - r.uniform(1, 6), 1)} per cent "
        f"four years ago. A count by volunteers for one campaign put it at {round(turnout + r.uniform(1, 4), 1)} per cent.",
        f"The winner took {r.randint(41, 55)} per cent of the vote, a margin of about {r.randrange(900, 6000, 100):,} "
        f"votes, according to provisional results.",
        f"Observers reported {r.choice(['no serious irregularities', 'long queues at a handful of stations', 'a short outage of the results website'])}.",
    ])


def wildfire(r, place):
    hectares = r.randrange(1500, 12000, 100)
    return (f"Wildfire near {place} still not contained", [
        f"Firefighters were still battling a wildfire in the hills above {place} on {{date}}, {r.randint(3, 8)} days "
        f"after it broke out.",
        f"{{p0}}, {{r0}}, said the fire had burned {hectares:,} hectares; satellite estimates published by a "
        f"university team put the area at nearly {int(hectares * r.uniform(1.2, 1.6)):,} hectares.",
        f"More than {r.randrange(200, 900, 50)} firefighters and {r.randint(6, 20)} aircraft were deployed, and "
        f"{r.randint(2, 12)} villages were evacuated as a precaution.",
        f"Officials said dry winds of up to {r.randint(50, 90)} km/h were expected to ease by the weekend.",
    ])


def plant(r, place):
    jobs = r.randrange(300, 1500, 20)
    return (f"Car parts plant in {place} to close", [
        f"The owner of the car parts plant in {place} announced on {{date}} that it would close the site by the end "
        f"of next year.",
        f"The company said {jobs} jobs would be lost. {{p0}}, {{r0}}, said the true figure was closer to "
        f"{int(jobs * r.uniform(1.5, 2.5)):,} once suppliers and contractors were counted.",
        f"The plant has operated for {r.randint(25, 60)} years and produced about {r.randrange(200, 900, 10)},000 "
        f"components a year at its peak.",
        f"Local leaders called for a rescue plan, and the regional government said it would meet the company "
        f"{r.choice(['within days', 'next week', 'before the end of the month'])}.",
    ])


def hospital(r, place):
    weeks = r.randint(14, 40)
    return (f"Surgery waits grow at {place} hospital", [
        f"Patients at {place} General Hospital are waiting longer for planned operations, figures released on "
        f"{{date}} show.",
        f"The median wait for hip and knee surgery reached {weeks} weeks, the trust said. {{p0}}, {{r0}}, said some "
        f"patients had waited more than {weeks + r.randint(10, 30)} weeks.",
        f"About {r.randrange(4000, 16000, 100):,} people were on the waiting list at the end of the quarter, "
        f"{r.randint(5, 22)} per cent more than a year earlier.",
        f"The trust blamed staff shortages and said {r.randint(2, 6)} new operating theatres would open next year.",
    ])


def bridge(r, place):
    cost = r.randrange(180, 900, 10)
    return (f"Cost of {place} bridge rises again", [
        f"The estimated cost of the new road bridge at {place} has risen again, according to documents published on "
        f"{{date}}.",
        f"The transport ministry now puts the cost at {cost} million euros. {{p0}}, {{r0}}, said the final bill "
        f"could exceed {int(cost * r.uniform(1.2, 1.5))} million euros.",
        f"The bridge, {r.randint(600, 2400)} metres long, was first expected to open in {r.randint(2024, 2027)} and "
        f"is now due in {r.randint(2028, 2031)}.",
        f"About {r.randrange(20, 60)},000 vehicles a day are expected to use it.",
    ])


def transport(r, place):
    stranded = r.randrange(800, 6000, 100)
    return (f"Rail signal failure strands passengers in {place}", [
        f"A signal failure outside {place} station on {{date}} stopped trains for {r.randint(3, 9)} hours during the "
        f"evening rush.",
        f"The rail operator said {stranded:,} passengers were affected. {{p0}}, {{r0}}, said as many as "
        f"{int(stranded * r.uniform(1.3, 2.0)):,} people had been stranded on trains and platforms.",
        f"Replacement buses ran between {place} and {r.choice(PLACES)}, and {r.randint(40, 160)} services were "
        f"cancelled.",
        f"An investigation into the cause has been opened, the operator said.",
    ])


STORIES = [strike, flood, election, wildfire, plant, hospital, bridge, transport]


def ordinal(n):
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def articles(count, seed):
    r = random.Random(seed)
    out = []
    for i in range(count):
        story, place = r.choice(STORIES), r.choice(PLACES)
        title, paragraphs = story(r, place)
        person, role = r.choice(NAMES), r.choice(ROLES[story.__name__])
        day, month = r.randint(1, 28), r.randrange(12)
        text = "\n\n".join(p.format(date=f"{day} {MONTHS[month]}", p0=person, r0=role) for p in paragraphs)
        out.append({
            "id": f"soak-{seed}-{i:03d}",
            "title": title,
            "outlet": r.choice(OUTLETS),
            "publishedAt": f"2026-{month + 1:02d}-{day:02d}",
            "text": f"{title}\n\n{text}",
        })
    return out


class Target:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.loopback = self.host in ("localhost", "127.0.0.1")

    def connection(self, source):
        address = (source, 0) if source and self.loopback else None
        return http.client.HTTPConnection("127.0.0.1" if self.loopback else self.host, self.port, timeout=120,
                                          source_address=address)


def request(conn, method, path, key, body):
    data = json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + key}
    started = time.perf_counter()
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    return response.status, response.getheader("Retry-After"), payload, time.perf_counter() - started


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.chat_ok = []
        self.chat_limited = 0
        self.chat_errors = []
        self.ingest_ok = []
        self.ingest_limited = 0
        self.ingest_errors = []


def chat_client(n, target, key, deadline, honour_retry_after, results):
    r = random.Random(n)
    conn = target.connection(f"127.0.0.{10 + n}")
    while time.monotonic() < deadline:
        try:
            status, retry_after, payload, took = request(conn, "POST", "/api/chat", key,
                                                         {"question": r.choice(QUESTIONS)})
        except (OSError, http.client.HTTPException) as e:
            with results.lock:
                results.chat_errors.append(f"client {n}: {type(e).__name__}: {e}")
            conn.close()
            conn = target.connection(f"127.0.0.{10 + n}")
            continue
        with results.lock:
            if 200 <= status < 300:
                results.chat_ok.append(took)
            elif status == 429:
                results.chat_limited += 1
            else:
                results.chat_errors.append(f"client {n}: {status} {payload[:200]!r}")
        if status == 429 and honour_retry_after:
            time.sleep(max(0.0, min(float(retry_after or 1), deadline - time.monotonic())))
    conn.close()


def ingester(target, key, docs, results):
    conn = target.connection("127.0.0.9")
    started = time.perf_counter()
    for doc in docs:
        while True:
            try:
                status, retry_after, payload, took = request(conn, "POST", "/api/articles", key, doc)
            except (OSError, http.client.HTTPException) as e:
                with results.lock:
                    results.ingest_errors.append(f"{doc['id']}: {type(e).__name__}: {e}")
                conn.close()
                conn = target.connection("127.0.0.9")
                break
            if status == 429:
                with results.lock:
                    results.ingest_limited += 1
                time.sleep(float(retry_after or 1))
                continue
            with results.lock:
                if status in (200, 201):
                    results.ingest_ok.append(took)
                else:
                    results.ingest_errors.append(f"{doc['id']}: {status} {payload[:200]!r}")
            break
    results.ingest_seconds = time.perf_counter() - started
    conn.close()


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    # nearest rank
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://localhost:8080")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--editor-key", default="editorkey")
    parser.add_argument("--reader-key-prefix", default="reader")
    parser.add_argument("--ignore-retry-after", action="store_true",
                        help="ask again at once after a 429 instead of waiting Retry-After seconds")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    target = Target(args.base)
    docs = articles(args.articles, args.seed)
    results = Results()
    started = time.monotonic()
    deadline = started + args.duration
    threads = [threading.Thread(target=ingester, args=(target, args.editor_key, docs, results))]
    threads += [threading.Thread(target=chat_client, args=(n, target, f"{args.reader_key_prefix}{n + 1}", deadline,
                                                           not args.ignore_retry_after, results))
                for n in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads[1:]:
        t.join()
    chat_seconds = time.monotonic() - started
    threads[0].join()

    ok = results.chat_ok
    figures = {
        "clients": args.clients, "durationSeconds": round(chat_seconds, 1),
        "chatOk": len(ok), "chat429": results.chat_limited, "chatErrors": len(results.chat_errors),
        "chatOkPerSecond": round(len(ok) / chat_seconds, 1),
        "chatAllPerSecond": round((len(ok) + results.chat_limited + len(results.chat_errors)) / chat_seconds, 1),
        "chatP50Ms": round(percentile(ok, 50) * 1000), "chatP95Ms": round(percentile(ok, 95) * 1000),
        "chatP99Ms": round(percentile(ok, 99) * 1000), "chatMaxMs": round(max(ok, default=float("nan")) * 1000),
        "articles": len(docs), "ingestOk": len(results.ingest_ok), "ingest429": results.ingest_limited,
        "ingestErrors": len(results.ingest_errors), "ingestSeconds": round(results.ingest_seconds, 1),
        "ingestP50Ms": round(percentile(results.ingest_ok, 50) * 1000),
        "ingestP95Ms": round(percentile(results.ingest_ok, 95) * 1000),
    }
    print(f"chat: {args.clients} clients for {chat_seconds:.1f} s: {len(ok)} answered "
          f"({figures['chatOkPerSecond']}/s), {results.chat_limited} refused with 429, {len(results.chat_errors)} errors; "
          f"latency of answered requests p50 {figures['chatP50Ms']} ms, p95 {figures['chatP95Ms']} ms, "
          f"p99 {figures['chatP99Ms']} ms, max {figures['chatMaxMs']} ms")
    print(f"ingestion: {len(results.ingest_ok)} of {len(docs)} articles stored in {results.ingest_seconds:.1f} s "
          f"({len(results.ingest_ok) / results.ingest_seconds:.2f}/s), {results.ingest_limited} refused with 429, "
          f"{len(results.ingest_errors)} errors; per article p50 {figures['ingestP50Ms']} ms, p95 {figures['ingestP95Ms']} ms")
    for error in (results.chat_errors + results.ingest_errors)[:10]:
        print(f"  error: {error}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
    sys.exit(1 if results.chat_errors or results.ingest_errors else 0)


if __name__ == "__main__":
    main()
