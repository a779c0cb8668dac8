"""Made-up subjects for the example's bilateral templates: fictional countries, seeded, clearly marked.

Every subject is invented: country names come from a list of made-up names, every source is
"Fictional source N" at example.invalid, and report.yaml says "FICTIONAL" in its title and
classification. The variety is what real projects bring: missing files and empty lists, series of
one year to forty, no quotes, hundreds of timeline events, long names, names in other scripts.

    python -m dossier.synthetic FOLDER [COUNT] [--seed N]

writes data/<subject>/ folders into FOLDER (a project's folder), one per subject.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from pathlib import Path
from typing import Any

import yaml

#: Made-up country names: (name, adjective, native name in its own script).
COUNTRIES = [
    ("Valdoria", "Valdorian", "Валдория"), ("Ostrava Minor", "Ostravan", "Ostrava Minor"),
    ("Quenland", "Quenish", "ክዌንላንድ"), ("Marivesse", "Marivessan", "Μαριβέσσα"),
    ("Tarsk", "Tarskian", "塔斯克"), ("Elbaran", "Elbarani", "الباران"), ("Sundavar", "Sundavari", "सुंदावर"),
    ("Kelmora", "Kelmoran", "켈모라"), ("Ystria", "Ystrian", "Ystria"), ("Borovinia", "Borovinian", "Боровиния"),
    ("The United Free Republics of Greater Amberlake and the Northern Isles", "Amberlakish",
     "Amberlake"), ("Nueva Calderra", "Calderran", "Nueva Calderra"), ("Zhenlu", "Zhenluan", "真路"),
    ("Hadrimaa", "Hadrimaan", "Hadrimaa"), ("Pelagonia", "Pelagonian", "Πελαγονία"),
]
CATEGORIES = ["political", "party", "economy", "culture"]
QUALIFIERS = ["", "", "", "about", "over", "under"]
FICTIONAL = "FICTIONAL — made-up test data, not about any real country"


def _code(name: str, taken: set[str]) -> str:
    letters = [c for c in name.upper() if "A" <= c <= "Z"]
    for second in letters[1:] + list("XYZQ"):
        code = letters[0] + second
        if code not in taken:
            taken.add(code)
            return code
    raise ValueError(name)


def _date(chance: random.Random, year: int) -> str:
    precision = chance.choice(["year", "month", "day", "day"])
    if precision == "year":
        return str(year)
    month = chance.randint(1, 12)
    return f"{year}-{month:02d}" if precision == "month" else f"{year}-{month:02d}-{chance.randint(1, 28):02d}"


def make_subject(chance: random.Random, number: int) -> dict[str, Any]:
    """Return one fictional subject as {file name: content}, content a Python value or CSV text."""
    (rep, rep_adj, rep_native), (par, par_adj, par_native) = chance.sample(COUNTRIES, 2)
    codes: set[str] = set()
    reporter = {"code": _code(rep, codes), "name": rep[:60], "adjective": rep_adj, "native": rep_native}
    partner = {"code": _code(par, codes), "name": par[:60], "adjective": par_adj, "native": par_native}
    n_sources = chance.randint(1, 8)
    sources = [{"id": f"fictional-{k}", "title": f"Fictional source {k}", "publisher": f"Made-up Press {k}",
                "kind": "media", "url": f"https://example.invalid/{number}/{k}"} for k in range(1, n_sources + 1)]
    ids = [s["id"] for s in sources]
    files: dict[str, Any] = {"sources.yaml": sources}
    first_year = chance.randint(1960, 2020)
    span = chance.choice([1, 2, 5, 12, 40])
    years = [y for y in range(first_year, min(first_year + span, 2026))]
    report = {"title": f"{rep}–{par} relations (FICTIONAL)", "subtitle": "Made-up subject for testing",
              "date": f"{years[-1]}-06-30", "author": "dossier synthetic subjects", "classification": FICTIONAL,
              "reporter": reporter, "partner": partner, "keywords": ["fictional", "test"]}
    if chance.random() < 0.7:
        report["main_source"] = ids[0]
    files["report.yaml"] = report

    if chance.random() < 0.85:  # a trade series, from one year to forty
        rows = []
        level = chance.uniform(5, 5000)
        for year in years:
            level *= chance.uniform(0.8, 1.4)
            for side in chance.sample([reporter["code"], partner["code"], "unstated"], chance.choice([1, 1, 2])):
                exports = round(level * chance.uniform(0.1, 0.6), 1) if chance.random() < 0.5 else None
                imports = round(level - exports, 1) if exports is not None else None
                growth = round(chance.uniform(-20, 60), 1) if chance.random() < 0.2 else None
                rows.append({"year": year, "exports": exports, "imports": imports, "turnover": round(level, 1),
                             "qualifier": chance.choice(QUALIFIERS) or None, "stated_growth": growth,
                             "side": side, "source": chance.choice(ids), "confirmed_by": None})
        files["trade.csv"] = _csv(rows)
    if chance.random() < 0.6:
        rows = []
        for k, year in enumerate(chance.sample(years, min(len(years), chance.randint(0, 4)))):
            exports = round(chance.uniform(1, 300), 1) if chance.random() < 0.7 else None
            imports = round(chance.uniform(1, 900), 1) if chance.random() < 0.7 else None
            rows.append({"period": f"Jan–{chance.choice(['Mar', 'Jun', 'Sep'])} {year} ({k + 1})", "year": year,
                         "exports": exports, "imports": imports,
                         "turnover": round((exports or 0) + (imports or 0), 1) or None,
                         "qualifier": None, "stated_growth": None, "source": chance.choice(ids)})
        files["trade_partial.csv"] = _csv(rows, ["period", "year", "exports", "imports", "turnover", "qualifier",
                                                 "stated_growth", "source"])

    if chance.random() < 0.9:  # a timeline: none, a few, or two hundred events
        count = chance.choice([0, 1, 3, 8, 200])
        events = []
        for k in range(count):
            year = chance.randint(years[0] - 30, years[-1])
            label = chance.choice([f"Fictional summit no. {k + 1}", f"Made-up accord {k + 1}",
                                   f"Imaginary exhibition {k + 1}", f"Визит {k + 1}", f"虚构会议 {k + 1}"])
            event = {"id": f"event-{k + 1}", "date": _date(chance, year), "label": label,
                     "text": f"An invented event ({label}); nothing of it happened.",
                     "category": chance.choice(CATEGORIES), "source": chance.choice(ids)}
            if k == 0:
                event["role"] = "recognition"
            elif k == 1:
                event["role"] = "relations"
            if chance.random() < 0.1:
                event["signed"], event["signed_kind"] = chance.randint(1, 20), "made-up agreements"
            events.append(event)
        events.sort(key=lambda e: e["date"])
        if count <= 60:  # a slide holds a timeline of a few dozen events; more would have to be split
            files["timeline.yaml"] = events
        else:
            files["timeline.yaml"] = [e for e in events if e["category"] != "political"]
            files["timeline.yaml"] += [e for e in events if e["category"] == "political"][:40]
            files["timeline.yaml"].sort(key=lambda e: e["date"])

    if chance.random() < 0.5:
        files["quotes.yaml"] = [{"speaker": f"Invented Speaker {k}", "role": "a made-up official",
                                 "date": str(chance.choice(years)), "section": section,
                                 "context": "An invented remark.", "text": "Nothing here was ever said by anyone.",
                                 "source": chance.choice(ids)}
                                for k, section in enumerate(chance.sample(["political", "outlook", "culture"], 2))]
    if chance.random() < 0.7:
        files["figures.yaml"] = [
            {"id": f"figure-{k}", "label": f"A made-up figure {k}", "value": round(chance.uniform(0, 100), 2),
             "unit": chance.choice(["%", "units", "USD million"]), "date": str(chance.choice(years)),
             "category": chance.choice(["trade", "economy", "investment", "party", "culture", "scale"]),
             "source": chance.choice(ids)} for k in range(chance.randint(0, 5))]
        if files["figures.yaml"] and chance.random() < 0.5:
            files["figures.yaml"][0].update(unit="%", role="partner-share-of-imports")
    if chance.random() < 0.6:
        fdi_years = sorted(chance.sample(years, min(len(years), chance.randint(0, 5))))
        files["investment.yaml"] = {
            "fdi_cumulative": [{"date": str(y), "usd_million": round(chance.uniform(1, 900), 1), "qualifier": "",
                                "source": chance.choice(ids)} for y in fdi_years],
            "companies": [{"date": str(y), "count": chance.randint(1, 400), "qualifier": chance.choice(QUALIFIERS),
                           "note": "", "source": ids[0]} for y in fdi_years],
        }
    if chance.random() < 0.5:
        files["statements.yaml"] = [{"section": section, "text": f"A made-up statement about {section}.",
                                     "deck": f"Made-up point on {section}", "source": chance.choice(ids)}
                                    for section in chance.sample(["summary", "political", "party", "economy",
                                                                  "investment", "culture", "outlook"], 3)]
    if "trade.csv" in files and chance.random() < 0.5:
        files["claims.yaml"] = [{"topic": "A made-up claim", "article": "The invented article says something.",
                                 "article_source": ids[0], "finding": "Other invented sources disagree.",
                                 "sources": ids[-1:], "verdict": chance.choice(["confirmed", "contradicted", "close"]),
                                 "article_figure": "one invented figure", "other_figure": "another"}]
    return files


def starter_subject() -> dict[str, Any]:
    """Return the small made-up subject `dossier new` writes: every file a bilateral briefing reads, a few rows each."""
    sources = [
        {"id": "made-up-ministry", "title": "Fictional trade statistics", "publisher": "Ministry of Made-up Affairs",
         "date": "2025-03", "url": "https://example.invalid/ministry", "kind": "official"},
        {"id": "made-up-daily", "title": "An invented report", "publisher": "The Made-up Daily", "date": "2025-06-02",
         "kind": "media"},
    ]
    trade = [
        {"year": year, "exports": exports, "imports": imports, "turnover": round(exports + imports, 1),
         "qualifier": None, "stated_growth": None, "side": "VA", "source": "made-up-ministry", "confirmed_by": None}
        for year, exports, imports in ((2021, 120.5, 310.0), (2022, 140.0, 355.2), (2023, 151.3, 402.8),
                                       (2024, 170.9, 455.0))
    ]
    trade.append({"year": 2024, "exports": None, "imports": None, "turnover": 640.0, "qualifier": "about",
                  "stated_growth": None, "side": "OS", "source": "made-up-daily", "confirmed_by": None})
    return {
        "report.yaml": {
            "title": "Valdoria–Ostrava Minor relations (FICTIONAL)", "subtitle": "A made-up subject to start from",
            "date": "2025-06-30", "author": "dossier new", "classification": FICTIONAL,
            "reporter": {"code": "VA", "name": "Valdoria", "adjective": "Valdorian", "native": "Валдория"},
            "partner": {"code": "OS", "name": "Ostrava Minor", "adjective": "Ostravan"},
            "main_source": "made-up-daily", "keywords": ["fictional", "example"]},
        "sources.yaml": sources,
        "trade.csv": _csv(trade),
        "timeline.yaml": [
            {"id": "recognition", "role": "recognition", "date": "1993-01-15", "label": "Recognition (made up)",
             "text": "Ostrava Minor recognised Valdoria (an invented event).", "category": "political",
             "source": "made-up-ministry"},
            {"id": "relations", "role": "relations", "date": "1993-05", "label": "Relations (made up)",
             "text": "The two made-up countries established diplomatic relations.", "category": "political",
             "source": "made-up-ministry"},
            {"id": "festival", "date": "2019", "label": "Imaginary festival", "text": "An invented festival.",
             "category": "culture", "source": "made-up-daily"},
        ],
        "figures.yaml": [
            {"id": "share-of-imports", "role": "partner-share-of-imports", "category": "economy",
             "label": "Ostrava Minor's share of Valdoria's imports (made up)", "value": 6.5, "unit": "%",
             "date": "2024", "source": "made-up-ministry"},
        ],
        "statements.yaml": [
            {"section": "summary", "text": "Everything in this briefing is invented, to show what the templates do.",
             "source": "made-up-daily"},
            {"section": "outlook", "text": "Replace data/fictional-example/ with a real subject's data.",
             "deck": "Replace this made-up subject with real data"},
        ],
    }


def _csv(rows: list[dict], header: list[str] | None = None) -> str:
    header = header or ["year", "exports", "imports", "turnover", "qualifier", "stated_growth", "side", "source",
                        "confirmed_by"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def write_subjects(project: Path, count: int, seed: int = 1, prefix: str = "fictional") -> list[str]:
    """Write `count` fictional subjects into `project`/data/; return their folder names."""
    chance = random.Random(seed)
    names = []
    for number in range(1, count + 1):
        name = f"{prefix}-{number:03d}"
        folder = project / "data" / name
        folder.mkdir(parents=True, exist_ok=False)
        for file_name, content in make_subject(chance, number).items():
            text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
            (folder / file_name).write_text(text, encoding="utf-8")
        names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dossier.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("count", type=int, nargs="?", default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    names = write_subjects(args.project, args.count, args.seed)
    print(f"{len(names)} fictional subjects in {args.project / 'data'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
