#!/usr/bin/env bash
# Multilingual evaluation: builds a set of non-English pages with gold
# title, authors, date and body (eval/multilingual/build.py says how), then
# scores wirefeed and trafilatura on it with ../shared/eval/score.py, over
# all pages and per language.
#
#   scripts/multilingual-eval.sh            build (once) and score both
#   REBUILD=1 scripts/multilingual-eval.sh  build the set again
#
# The pages come from two Go modules on the Go module proxy (their test
# pages, fetched with `go mod download` into .run/); the set is written to
# .run/eval/multilingual and never committed (the pages stay their
# publishers'). trafilatura, langdetect and lxml are installed from PyPI
# into a virtual environment under .run/ when missing.
source "$(dirname "$0")/lib.sh"

EVAL="${WIREFEED_EVAL_DIR:-$ROOT/../shared/eval}"
OUT="$RUN_DIR/eval"
SET="$OUT/multilingual"
GOPATH_DIR="$RUN_DIR/gopath"
TRAFILATURA_MODULE="github.com/markusmobius/go-trafilatura@v1.12.2"
READABILITY_MODULE="codeberg.org/readeck/go-readability/v2@v2.1.3"
VENV="$RUN_DIR/multilingual-venv"
mkdir -p "$OUT"

if ! "$VENV/bin/python" -c "import trafilatura, lxml_html_clean, langdetect" 2>/dev/null; then
    log "installing trafilatura 2.3.1, langdetect and lxml into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "trafilatura==2.3.1" lxml_html_clean "langdetect==1.0.9"
fi

if [ ! -f "$SET/languages.json" ] || [ -n "${REBUILD:-}" ]; then
    log "fetching the test pages ($TRAFILATURA_MODULE, $READABILITY_MODULE)"
    trafilatura_dir=$(GOPATH="$GOPATH_DIR" GOFLAGS=-modcacherw go mod download -json "$TRAFILATURA_MODULE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
    readability_dir=$(GOPATH="$GOPATH_DIR" GOFLAGS=-modcacherw go mod download -json "$READABILITY_MODULE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
    # The annotations are a Go map literal: a two-line program prints them as JSON.
    dump="$RUN_DIR/comparison-dump"
    rm -rf "$dump" && mkdir -p "$dump"
    cp "$trafilatura_dir/scripts/comparison/data.go" "$dump/"
    printf 'module dump\n\ngo 1.21\n' >"$dump/go.mod"
    cat >"$dump/main.go" <<'GO'
package main

import (
	"encoding/json"
	"os"
)

func main() { json.NewEncoder(os.Stdout).Encode(comparisonData) }
GO
    (cd "$dump" && GOPATH="$GOPATH_DIR" go run .) >"$OUT/comparison.json"
    log "building the set in $SET"
    "$VENV/bin/python" "$ROOT/eval/multilingual/build.py" "$OUT/comparison.json" \
        "$trafilatura_dir/test-files/comparison" "$SET" --readability "$readability_dir/test-pages"
fi

(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)
python3 "$EVAL/make_raw.py" "$SET" >"$OUT/multilingual.raw.jsonl"
"$TARGET_DIR/release/wirefeed" normalize <"$OUT/multilingual.raw.jsonl" >"$OUT/multilingual.wirefeed.jsonl" 2>"$OUT/multilingual.log"
"$VENV/bin/python" "$ROOT/eval/trafilatura_predict.py" <"$OUT/multilingual.raw.jsonl" >"$OUT/multilingual.trafilatura.jsonl" 2>>"$OUT/multilingual.log"
python3 "$ROOT/eval/multilingual/by_language.py" "$EVAL/score.py" "$SET" \
    wirefeed="$OUT/multilingual.wirefeed.jsonl" trafilatura="$OUT/multilingual.trafilatura.jsonl"
