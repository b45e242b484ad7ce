#!/usr/bin/env bash
# Multilingual evaluation: builds a set of non-English pages with gold
# title, authors, date and body (eval/multilingual/build.py says how) and a
# date-only set of news pages in some 30 languages (build_dates.py), then
# scores wirefeed and trafilatura on both with ../shared/eval/score.py,
# over all pages and per language.
#
#   scripts/multilingual-eval.sh            build (once) and score both
#   REBUILD=1 scripts/multilingual-eval.sh  build the set again
#
# The pages come from three Go modules on the Go module proxy (their test
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

DATES_SET="$OUT/multilingual-dates"
HTMLDATE_MODULE="github.com/markusmobius/go-htmldate@v1.10.1"
module_dir() {
    GOPATH="$GOPATH_DIR" GOFLAGS=-modcacherw go mod download -json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])'
}
# A Go map or slice literal of annotations, printed as JSON by a two-line
# program compiled beside it.
dump_go_data() { # FILE TYPE_DECL VAR
    local dump="$RUN_DIR/go-data-dump"
    rm -rf "$dump" && mkdir -p "$dump"
    cp "$1" "$dump/data.go" && chmod u+w "$dump/data.go"
    printf 'module dump\n\ngo 1.21\n' >"$dump/go.mod"
    printf 'package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\n%s\n\nfunc main() { json.NewEncoder(os.Stdout).Encode(%s) }\n' "$2" "$3" >"$dump/main.go"
    (cd "$dump" && GOPATH="$GOPATH_DIR" go run .)
}

if [ ! -f "$SET/languages.json" ] || [ ! -f "$DATES_SET/languages.json" ] || [ -n "${REBUILD:-}" ]; then
    log "fetching the test pages ($TRAFILATURA_MODULE, $READABILITY_MODULE, $HTMLDATE_MODULE)"
    trafilatura_dir=$(module_dir "$TRAFILATURA_MODULE")
    readability_dir=$(module_dir "$READABILITY_MODULE")
    htmldate_dir=$(module_dir "$HTMLDATE_MODULE")
    dump_go_data "$trafilatura_dir/scripts/comparison/data.go" "" comparisonData >"$OUT/comparison.json"
    dump_go_data "$htmldate_dir/scripts/comparison/data-mediacloud.go" \
        'type comparisonEntry struct{ URL, File, Date, Fast, Extensive string }' mediacloudData >"$OUT/mediacloud.json"
    log "building the sets in $SET and $DATES_SET"
    "$VENV/bin/python" "$ROOT/eval/multilingual/build.py" "$OUT/comparison.json" \
        "$trafilatura_dir/test-files/comparison" "$SET" --readability "$readability_dir/test-pages"
    (cd "$ROOT/eval/multilingual" && "$VENV/bin/python" build_dates.py "$OUT/mediacloud.json" \
        "$htmldate_dir/test-files/mediacloud" "$DATES_SET")
fi

(cd "$ROOT" && cargo build --release --locked --bin wirefeed >&2)
for name in multilingual multilingual-dates; do
    python3 "$EVAL/make_raw.py" "$OUT/$name" >"$OUT/$name.raw.jsonl"
    "$TARGET_DIR/release/wirefeed" normalize <"$OUT/$name.raw.jsonl" >"$OUT/$name.wirefeed.jsonl" 2>"$OUT/$name.log"
    "$VENV/bin/python" "$ROOT/eval/trafilatura_predict.py" <"$OUT/$name.raw.jsonl" >"$OUT/$name.trafilatura.jsonl" 2>>"$OUT/$name.log"
done
echo "== multilingual: $(wc -l <"$OUT/multilingual.raw.jsonl") pages with gold title, author, date and body"
python3 "$ROOT/eval/multilingual/by_language.py" "$EVAL/score.py" "$SET" \
    wirefeed="$OUT/multilingual.wirefeed.jsonl" trafilatura="$OUT/multilingual.trafilatura.jsonl"
echo
echo "== multilingual-dates: $(wc -l <"$OUT/multilingual-dates.raw.jsonl") news pages with a gold date only"
python3 "$ROOT/eval/multilingual/by_language.py" --dates-only "$EVAL/score.py" "$DATES_SET" \
    wirefeed="$OUT/multilingual-dates.wirefeed.jsonl" trafilatura="$OUT/multilingual-dates.trafilatura.jsonl"
