#!/usr/bin/env python3
"""Build a multilingual evaluation set in the layout ../shared/eval/score.py reads.

Usage:
    build.py COMPARISON.json PAGES_DIR OUT_DIR [--readability TEST_PAGES]
             [--min-pages-per-language N]

Source: the comparison pages of the go-trafilatura module (Go module proxy,
`github.com/markusmobius/go-trafilatura`, folder test-files/comparison) and
their annotations (scripts/comparison/data.go, dumped to JSON by
scripts/multilingual-eval.sh). Each annotation gives, per URL, the page
file, and where known the title, publication date and authors, plus
snippets the article text must contain (`with`) and must not (`without`).

Gold fields:
- title, publish_date, author: the annotation's own, unchanged.
- main_content: derived the same way for every page, from the snippets and
  not from any extractor: the text of the smallest element of the page
  that holds every `with` snippet, less scripts, styles, navigation,
  forms, asides, footers, figure captions, and less every block that holds
  a `without` snippet. Pages where no such element exists, or where it is
  the whole page body, or holds under 200 characters, are left out. Inside
  it, elements whose class or id names a part that is no text of the
  story (share, social, comment, related, byline, author, meta, date,
  tags, caption, credit, advert, newsletter, breadcrumb, print, rating),
  `h1` and `time` elements go too, unless they hold a `with` snippet:
  WCXB's notion of main content (no headline, byline or dates, no
  widgets), read from the markup the same way for every page. Gold text
  is in Unicode NFC (13 pages write accents as combining marks).
- language: langdetect on the title and the `with` snippets (annotation
  text, so not the extractor's own detection); used to pick pages and to
  report figures per language.

A second source, optional: the test pages of the go-readability module
(`codeberg.org/readeck/go-readability/v2`, folder test-pages, Mozilla
Readability's test pages): for those whose expected metadata names a
language other than English, source.html with gold title from
expected-metadata.json, gold main_content from the text of expected.html
(the tests' reviewed output), and the published time where given. Their
bylines are free text ("X (avec Y et Z)"), so they carry no author gold.

English pages are left out (the English sets measure English); every
other language with at least N pages (default 1) is kept.

Writes OUT_DIR/html/NNNN.html.gz and OUT_DIR/ground-truth/NNNN.json (the WCXB
layout, so make_raw.py and score.py read it), and OUT_DIR/languages.json.
"""
import argparse
import collections
import gzip
import json
import re
import shutil
import unicodedata
from pathlib import Path

import langdetect
import lxml.html

DROP = {"script", "style", "noscript", "nav", "form", "aside", "footer", "figcaption", "button", "select", "template", "svg"}
BLOCKS = {"p", "div", "li", "ul", "ol", "section", "table", "tr", "td", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dd", "dt", "pre", "figure", "header", "span", "a"}
BREAKS = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "dd", "dt", "section", "article", "header", "ul", "ol", "table", "figure"}
SPACE = re.compile(r"\s+")
MARKS = ("share", "sharing", "social", "comment", "related", "byline", "author", "meta", "date",
         "tags", "caption", "credit", "advert", "-ad-", "newsletter", "breadcrumb", "print", "rating")


def norm(text):
    return SPACE.sub(" ", text or "").strip()


def text_of(el):
    """Text with a line break at every block edge, one paragraph per line."""
    parts = []

    def walk(node):
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            return
        block = node.tag in BREAKS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    if el.text:
        parts.append(el.text)
    for child in el:
        walk(child)
    # NFC, the form text is exchanged in: 13 pages write their accents as
    # combining marks (NFD), which the scorer's word pattern splits apart.
    lines = [norm(unicodedata.normalize("NFC", l)) for l in "".join(parts).split("\n")]
    return "\n\n".join(l for l in lines if l)


CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def utf8(raw):
    """The page's text, decoded with the charset its head declares."""
    m = CHARSET.search(raw[:4096])
    for enc in ([m.group(1).decode("ascii")] if m else []) + ["utf-8", "cp1252"]:
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


def holds(el, snippet):
    return norm(snippet) in norm(el.text_content())


def gold_body(root, with_, without):
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    snippets = [s for s in with_ if norm(s)]
    if not snippets:
        return None
    candidates = [el for el in root.iter() if isinstance(el.tag, str) and all(holds(el, s) for s in snippets)]
    if not candidates:
        return None
    # The deepest element holding all of them is the smallest.
    container = max(candidates, key=lambda el: len(list(el.iterancestors())))
    if container.tag in ("html", "body"):
        return None
    for el in list(container.iter()):
        if isinstance(el.tag, str) and el.tag in DROP and el is not container and el.getparent() is not None:
            el.drop_tree()
    # Parts that the markup itself names as no part of the text (the same
    # class and id words for every page, WCXB's notion of main content:
    # no headline, byline, dates, share or comment widgets, related links,
    # captions, ads), unless they hold a `with` snippet.
    for el in list(container.iter()):
        if not isinstance(el.tag, str) or el is container or el.getparent() is None:
            continue
        marks = ((el.get("class") or "") + " " + (el.get("id") or "")).lower()
        named = any(m in marks for m in MARKS) or el.tag in ("h1", "time")
        if named and not any(holds(el, s) for s in snippets):
            el.drop_tree()
    for snippet in without:
        if not norm(snippet):
            continue
        hits = [el for el in container.iter() if isinstance(el.tag, str) and el.tag in BLOCKS and holds(el, snippet)
                and not any(holds(el, s) for s in snippets) and el is not container]
        if hits:
            deepest = max(hits, key=lambda el: len(list(el.iterancestors())))
            # The largest block around it that holds no `with` snippet.
            block = deepest
            while (block.getparent() is not None and block.getparent() is not container
                   and not any(holds(block.getparent(), s) for s in snippets)):
                block = block.getparent()
            if block.getparent() is not None:
                block.drop_tree()
    text = text_of(container)
    if len(text) < 200 or not all(norm(s) in norm(text) for s in snippets):
        return None
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("comparison")
    ap.add_argument("pages")
    ap.add_argument("out")
    ap.add_argument("--readability")
    ap.add_argument("--min-pages-per-language", type=int, default=1)
    args = ap.parse_args()
    langdetect.DetectorFactory.seed = 0
    data = json.loads(Path(args.comparison).read_text(encoding="utf-8"))
    picked = []
    for url, entry in sorted(data.items()):
        # One annotation's address is mistyped ("xhttps://"): no page of
        # the set may fail for its address.
        if not url.startswith(("http://", "https://")):
            continue
        path = Path(args.pages) / (entry.get("file") or "")
        if not entry.get("file") or not path.is_file():
            continue
        sample = " ".join([entry.get("title") or ""] + (entry.get("with") or []))
        try:
            lang = langdetect.detect(sample).split("-")[0]
        except langdetect.LangDetectException:
            continue
        if lang == "en":
            continue
        raw = path.read_bytes()
        try:
            root = lxml.html.fromstring(utf8(raw))
        except (ValueError, lxml.etree.ParserError):
            continue
        body = gold_body(root, entry.get("with") or [], entry.get("without") or [])
        if body is None:
            continue
        picked.append((lang, url, entry, path, body))
    if args.readability:
        for folder in sorted(Path(args.readability).iterdir()):
            meta_path = folder / "expected-metadata.json"
            if not meta_path.is_file() or not (folder / "expected.html").is_file():
                continue
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            lang = (meta.get("language") or meta.get("lang") or "").split("-")[0].lower()
            if not lang or lang == "en":
                continue
            body = text_of(lxml.html.fromstring(utf8((folder / "expected.html").read_bytes())))
            if len(body) < 200:
                continue
            entry = {"title": meta.get("title"), "date": (meta.get("publishedTime") or "")[:10], "author": None}
            url = f"http://readability.test/{folder.name}/"
            picked.append((lang, url, entry, folder / "source.html", body))
    counts = collections.Counter(lang for lang, *_ in picked)
    keep = {lang for lang, n in counts.items() if n >= args.min_pages_per_language}
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    (out / "html").mkdir(parents=True)
    (out / "ground-truth").mkdir()
    languages = {}
    n = 0
    for lang, url, entry, path, body in picked:
        if lang not in keep:
            continue
        n += 1
        key = f"{n:04d}"
        # make_raw.py reads pages as UTF-8: each is stored decoded with the
        # charset it declares (UTF-8 when it declares none) and gzipped.
        (out / "html" / f"{key}.html.gz").write_bytes(gzip.compress(utf8(path.read_bytes()).encode("utf-8")))
        authors = entry.get("author") or []
        record = {
            "schema_version": "2.0",
            "url": url,
            "file_id": key,
            "language": lang,
            "ground_truth": {
                "title": unicodedata.normalize("NFC", entry.get("title") or "") or None,
                "author": authors or None,
                "publish_date": entry.get("date") or None,
                "main_content": body,
                "with": entry.get("with") or [],
                "without": entry.get("without") or [],
            },
        }
        (out / "ground-truth" / f"{key}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        languages[key] = lang
    (out / "languages.json").write_text(json.dumps(languages, indent=0), encoding="utf-8")
    kept = collections.Counter(languages.values())
    print(f"{n} pages in {len(kept)} languages: " + ", ".join(f"{l} {c}" for l, c in kept.most_common()))
    print("left out (fewer pages): " + ", ".join(f"{l} {c}" for l, c in counts.most_common() if l not in keep))


if __name__ == "__main__":
    main()
