#!/usr/bin/env python3
"""Checks the held-out Crosscheck data in this directory.

- every article <id>.txt has a first-line headline, a blank second line, 400-700 words,
  and a <id>.meta.json whose title equals the headline, with outlet and publishedAt (YYYY-MM-DD);
- heldout-figures.json: unique measure ids, verdict prefixes, every figure's article is listed
  under heldOut and exists, every span and every non-null attribution occurs verbatim in its
  article, low <= high, asOf is YYYY-MM-DD;
- heldout-questions.json: valid kinds, every gold id exists, every expect string occurs verbatim
  in expectArticle, follow-up kinds carry 'previous', and the minimum mix per kind is met.
Exit code 0 only when there are no errors. Repeated spans are reported as notes, not errors.
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")
errors, notes = [], []
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

def text(name):
    p = os.path.join(ART, name)
    if not os.path.isfile(p):
        errors.append(f"missing article file {name}")
        return None
    return open(p, encoding="utf-8").read()

# articles + sidecars
txts = sorted(f for f in os.listdir(ART) if f.endswith(".txt"))
for f in txts:
    t = text(f)
    lines = t.split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
        errors.append(f"{f}: first line must be the headline, second line blank")
    words = len(t.split())
    if not 400 <= words <= 700:
        errors.append(f"{f}: {words} words, expected 400-700")
    mp = os.path.join(ART, f[:-4] + ".meta.json")
    if not os.path.isfile(mp):
        errors.append(f"{f}: missing sidecar {os.path.basename(mp)}")
        continue
    meta = json.load(open(mp, encoding="utf-8"))
    if meta.get("title") != lines[0]:
        errors.append(f"{f}: meta title differs from headline")
    if not meta.get("outlet"):
        errors.append(f"{f}: meta has no outlet")
    if not DATE.match(str(meta.get("publishedAt", ""))):
        errors.append(f"{f}: meta publishedAt not YYYY-MM-DD")
    if "url" in meta and not str(meta["url"]).startswith("https://"):
        errors.append(f"{f}: meta url is not an https URL")

# figures
figs = json.load(open(os.path.join(HERE, "heldout-figures.json"), encoding="utf-8"))
for key in ("about", "measures", "heldOut"):
    if key not in figs:
        errors.append(f"heldout-figures.json: missing '{key}'")
held = figs.get("heldOut", [])
if sorted(held) != txts:
    errors.append(f"heldOut list {sorted(held)} differs from article files {txts}")
ids = [m["id"] for m in figs["measures"]]
for i, n in Counter(ids).items():
    if n > 1:
        errors.append(f"duplicate measure id {i}")
nspans = 0
for m in figs["measures"]:
    for k in ("id", "label", "verdict", "figures"):
        if k not in m:
            errors.append(f"measure {m.get('id')}: missing {k}")
    if not re.match(r"^(CONFLICT|CHANGE OVER TIME|agree|single source)", m["verdict"]):
        errors.append(f"{m['id']}: verdict must start with CONFLICT, CHANGE OVER TIME, agree or single source")
    arts = set()
    for fg in m["figures"]:
        nspans += 1
        a = fg["article"]; arts.add(a)
        if a not in held:
            errors.append(f"{m['id']}: article {a} not listed under heldOut")
        t = text(a)
        if t is None:
            continue
        c = t.count(fg["span"])
        if c == 0:
            errors.append(f"{m['id']}: span not verbatim in {a}: {fg['span']!r}")
        elif c > 1:
            notes.append(f"{m['id']}: span occurs {c} times in {a}: {fg['span']!r}")
        at = fg.get("attribution", "MISSING")
        if at == "MISSING":
            errors.append(f"{m['id']}: figure without attribution key: {fg['span']!r}")
        elif at is not None and at not in t:
            errors.append(f"{m['id']}: attribution not verbatim in {a}: {at!r}")
        lo, hi = fg.get("low"), fg.get("high")
        if lo is None and hi is None:
            errors.append(f"{m['id']}: both bounds null for {fg['span']!r}")
        if lo is not None and hi is not None and lo > hi:
            errors.append(f"{m['id']}: low > high for {fg['span']!r}")
        if "asOf" in fg and not DATE.match(fg["asOf"]):
            errors.append(f"{m['id']}: bad asOf {fg['asOf']!r}")
    if m["verdict"].startswith("single source") and len(arts) > 1:
        errors.append(f"{m['id']}: 'single source' but figures from {len(arts)} articles")

# questions
qs = json.load(open(os.path.join(HERE, "heldout-questions.json"), encoding="utf-8"))
KINDS = {"quantity": 8, "synonym": 5, "agreement": 3, "when": 3, "why": 3, "who-said": 3,
         "standalone-after-follow-up": 3, "follow-up": 2}
kinds = Counter()
for n, q in enumerate(qs["questions"], 1):
    k = q.get("kind"); kinds[k] += 1
    tag = f"question {n} ({k})"
    if k not in KINDS:
        errors.append(f"{tag}: unknown kind"); continue
    if not q.get("question"):
        errors.append(f"{tag}: empty question")
    if "gold" in q:
        ref = q["gold"]
        if not ref.startswith("heldout-figures.json#") or ref.split("#", 1)[1] not in ids:
            errors.append(f"{tag}: gold {ref!r} does not name an existing measure")
    if "expect" in q:
        if not 1 <= len(q["expect"]) <= 3:
            errors.append(f"{tag}: expect must list 1-3 spans")
        t = text(q.get("expectArticle", "")) if q.get("expectArticle") else None
        if t is None:
            errors.append(f"{tag}: expect without a valid expectArticle")
        else:
            for e in q["expect"]:
                if e not in t:
                    errors.append(f"{tag}: expect not verbatim in {q['expectArticle']}: {e!r}")
    if k in ("quantity", "synonym", "agreement") and "gold" not in q:
        errors.append(f"{tag}: needs gold")
    if k in ("when", "why", "who-said") and "expect" not in q:
        errors.append(f"{tag}: needs expect")
    if k in ("follow-up", "standalone-after-follow-up"):
        if not q.get("previous"):
            errors.append(f"{tag}: needs previous")
        if "gold" not in q and "expect" not in q:
            errors.append(f"{tag}: needs gold or expect")
for k, need in KINDS.items():
    if kinds[k] < need:
        errors.append(f"only {kinds[k]} questions of kind {k}, need {need}")

print(f"articles: {len(txts)}; measures: {len(ids)}; figure spans: {nspans}; questions: {len(qs['questions'])}")
print("questions per kind: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS))
for s in notes:
    print("note:", s)
for e in errors:
    print("ERROR:", e)
print("OK: all spans, attributions and expect strings occur verbatim; all gold ids exist" if not errors
      else f"FAILED: {len(errors)} error(s)")
sys.exit(1 if errors else 0)
