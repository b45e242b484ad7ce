#!/usr/bin/env python3
"""Build a date-only evaluation set: news pages in many languages with the
day each was published, from the go-htmldate module's MediaCloud sample
(Go module proxy, `github.com/markusmobius/go-htmldate`, folder
test-files/mediacloud, annotations in scripts/comparison/data-mediacloud.go,
dumped to JSON by scripts/multilingual-eval.sh).

Usage:
    build_dates.py MEDIACLOUD.json PAGES_DIR OUT_DIR

Writes the WCXB layout score.py reads, with `publish_date` as the only gold
field (score.py's body figures mean nothing here: only its date accuracy
is reported), and languages.json (langdetect on the page's visible text).
"""
import gzip
import json
import shutil
import sys
from pathlib import Path

import langdetect
import lxml.html

from build import utf8


def main():
    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    pages, out = Path(sys.argv[2]), Path(sys.argv[3])
    langdetect.DetectorFactory.seed = 0
    shutil.rmtree(out, ignore_errors=True)
    (out / "html").mkdir(parents=True)
    (out / "ground-truth").mkdir()
    languages = {}
    for n, entry in enumerate(data, 1):
        path = pages / entry["File"]
        if not path.is_file() or not entry.get("Date"):
            continue
        html = utf8(path.read_bytes())
        try:
            root = lxml.html.fromstring(html)
            for bad in root.xpath("//script|//style|//noscript"):
                bad.drop_tree()
            lang = langdetect.detect(" ".join(root.text_content().split())[:3000]).split("-")[0]
        except Exception:  # an unreadable page has no language, not no date
            lang = "?"
        key = f"{n:04d}"
        (out / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        record = {"url": entry["URL"], "file_id": key, "language": lang,
                  "ground_truth": {"publish_date": entry["Date"], "main_content": ""}}
        (out / "ground-truth" / f"{key}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        languages[key] = lang
    (out / "languages.json").write_text(json.dumps(languages, indent=0), encoding="utf-8")
    counts = {}
    for lang in languages.values():
        counts[lang] = counts.get(lang, 0) + 1
    print(f"{len(languages)} pages: " + ", ".join(f"{l} {c}" for l, c in sorted(counts.items(), key=lambda x: -x[1])))


if __name__ == "__main__":
    main()
