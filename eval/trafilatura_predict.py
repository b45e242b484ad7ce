#!/usr/bin/env python3
"""Run trafilatura on raw topic messages (make_raw.py's JSON Lines on
stdin) and print its results as normalized-article JSON Lines (`id`,
`body`, `title`, `authors`, `published_at`), so ../shared/eval/score.py
scores it exactly as it scores wirefeed.

    python3 eval/trafilatura_predict.py < raw.jsonl > trafilatura.out.jsonl

Default settings (precision/recall balanced, no fallback changes), with
the page's URL passed in, as a user would call it.
"""
import json
import sys

import trafilatura


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        msg = json.loads(line)
        out = {"id": msg["id"]}
        try:
            doc = trafilatura.bare_extraction(msg["body"], url=msg.get("url"), with_metadata=True)
        except Exception as exc:  # one page's failure is that page's empty result
            print(f"{msg['id']}: {exc}", file=sys.stderr)
            doc = None
        if doc is not None:
            doc = doc.as_dict() if hasattr(doc, "as_dict") else doc
            out["body"] = doc.get("text") or ""
            out["title"] = doc.get("title")
            author = doc.get("author") or ""
            out["authors"] = [a.strip() for a in author.split(";") if a.strip()]
            out["published_at"] = doc.get("date")
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
