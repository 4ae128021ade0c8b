#!/usr/bin/env bash
# bench/compare/run.sh [N]
#
# One table comparing deskbook with Hugo + Pagefind on the same N-article
# corpus (default 10000) made from ../shared/corpora:
#   - full build time, peak memory and output size: bench/build.sh, in
#     alternating rounds (ROUNDS, default 3);
#   - search index size: deskbook's search/ folder and Pagefind's pagefind/
#     folder of those outputs, on disk and gzipped;
#   - first-query bytes and round trips: bench/search in real Chromium on the
#     same corpus, Pagefind indexing deskbook's own HTML.
# Needs hugo (Debian), npm (for Pagefind) and chromium; skips what is missing.
set -euo pipefail
N=${1:-${N:-10000}}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
log() { printf 'compare: %s\n' "$*" >&2; }

ERR=$(mktemp)
log "build time, memory, output size (bench/build.sh $N)"
BUILD_TABLE=$(KEEP=1 ROUNDS=${ROUNDS:-3} bench/build.sh "$N" 2> >(tee "$ERR" >&2))
TMP=$(sed -n 's/^bench: kept //p' "$ERR" | tail -1)
rm -f "$ERR"
[ -n "$TMP" ] && [ -d "$TMP" ] || { log "bench/build.sh kept no work folder"; exit 1; }
trap 'rm -rf "$TMP"' EXIT

file_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
gz_size() { find "$1" -type f -print0 | xargs -0 cat | gzip -6 | wc -c; }
DB_IDX=$(file_bytes "$TMP/out-deskbook/search")
DB_IDXGZ=$(gz_size "$TMP/out-deskbook/search")
PF_IDX=- PF_IDXGZ=-
if [ -d "$TMP/out-hugo/pagefind" ]; then
	PF_IDX=$(file_bytes "$TMP/out-hugo/pagefind")
	PF_IDXGZ=$(gz_size "$TMP/out-hugo/pagefind")
fi

PF_BIN=$TMP/npm/node_modules/.bin/pagefind
[ -x "$PF_BIN" ] || PF_BIN=
log "first-query bytes (bench/search on the same corpus)"
SEARCH_TABLE=$(go run ./bench/search -source "$TMP/corpus/content" -rounds 1 ${PF_BIN:+-pagefind "$PF_BIN"} -work "$TMP/search") || true

echo
echo "deskbook vs Hugo + Pagefind, $N articles, $(date +%F), $(nproc) cores, $(uname -m)"
echo
echo "$BUILD_TABLE"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 > 0 && a+0 > 0) printf "%.2f", a/b; else printf "-" }'; }
echo "| search index | deskbook | Pagefind | deskbook/Pagefind |"
echo "|---|---|---|---|"
printf '| on disk | %s KB | %s KB | %s |\n' $((DB_IDX / 1024)) "$([ "$PF_IDX" = - ] && echo - || echo $((PF_IDX / 1024)))" "$(ratio "$DB_IDX" "$PF_IDX")"
printf '| gzipped | %s KB | %s KB | %s |\n' $((DB_IDXGZ / 1024)) "$([ "$PF_IDXGZ" = - ] && echo - || echo $((PF_IDXGZ / 1024)))" "$(ratio "$DB_IDXGZ" "$PF_IDXGZ")"
echo
echo "$SEARCH_TABLE"
