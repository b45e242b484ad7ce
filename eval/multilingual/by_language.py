#!/usr/bin/env python3
"""Scores predictions on the multilingual set with ../shared/eval/score.py's
own functions, over all pages and per language group, side by side.

    by_language.py [--dates-only] SCORE_PY SET NAME=PREDICTIONS.jsonl [NAME=...]

Groups: all pages; German (most of the first set); every other language
together; and each language with at least 15 pages. `--dates-only` for a
set whose only gold field is the date: it reports date accuracy alone,
with English and the other languages apart.
"""
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def subset(set_dir, keys, into):
    """A folder holding only `keys`' ground truth, for score.py to read."""
    (into / "ground-truth").mkdir(parents=True)
    for key in keys:
        shutil.copy(set_dir / "ground-truth" / f"{key}.json", into / "ground-truth")
    return into


def main():
    args = sys.argv[1:]
    dates_only = args[0] == "--dates-only"
    if dates_only:
        args = args[1:]
    scorer = load_scorer(args[0])
    set_dir = Path(args[1])
    runs = [arg.split("=", 1) for arg in args[2:]]
    languages = json.loads((set_dir / "languages.json").read_text())
    groups = {"all": list(languages)}
    main = "en" if dates_only else "de"
    groups[main] = [k for k, l in languages.items() if l == main]
    groups[f"not {main}"] = [k for k, l in languages.items() if l != main]
    for lang in sorted(set(languages.values())):
        keys = [k for k, l in languages.items() if l == lang]
        if lang != main and len(keys) >= 15:
            groups[lang] = keys
    fields = ["body_precision", "body_recall", "body_f1", "title_accuracy", "author_f1", "date_accuracy"]
    if dates_only:
        fields = ["date_accuracy"]
    print("| pages | tool | " + " | ".join(f.replace("_accuracy", "").replace("body_", "body ") for f in fields) + " |")
    print("|---|---|" + "---|" * len(fields))
    with tempfile.TemporaryDirectory() as tmp:
        for name, keys in groups.items():
            folder = subset(set_dir, keys, Path(tmp) / name.replace(" ", "_"))
            for tool, path in runs:
                result = scorer.score(folder, path)
                cells = " | ".join(f"{result.get(f, float('nan')):.3f}" for f in fields)
                print(f"| {name} ({len(keys)}) | {tool} | {cells} |")


if __name__ == "__main__":
    main()
