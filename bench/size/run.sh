#!/usr/bin/env bash
# bench/size/run.sh [N] [DESKBOOK_BIN]
#
# Output size: deskbook against Hugo + Pagefind on the same N-article
# corpus (one build of each, untimed), by kind of file, as the sum of file
# sizes and as du -sb (which adds 4 KB a directory), and the ratios.
#
#   N             articles to generate (arg 1, or env N; default 10000)
#   DESKBOOK_BIN  deskbook binary (arg 2, or env DESKBOOK; default: go build
#                 ./cmd/deskbook from the repo root)
# Environment:
#   BASELINE=BIN  another deskbook binary (the one before a change): its
#                 output is measured too, kind by kind beside the new one
#   CORPUS=DIR    a corpus made before by bench/corpus (DIR/content and
#                 DIR/hugo) instead of generating one
#   CORPORA=DIR   default: <repo>/../shared/corpora
#   PAGEFIND=1    0 leaves Pagefind out (Hugo alone)
#   KEEP=1        keep the temp dir (path printed at exit)
#
# Needs hugo (apt-get install hugo) and, for Pagefind, npm.
set -euo pipefail

N=${1:-${N:-10000}}
DESKBOOK=${2:-${DESKBOOK:-}}
BASELINE=${BASELINE:-}
CORPUS=${CORPUS:-}
PAGEFIND=${PAGEFIND:-1}
KEEP=${KEEP:-0}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}

log() { printf 'size: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case $N in '' | *[!0-9]*) die "N must be a positive integer, got '$N'" ;; esac
command -v hugo >/dev/null || die "hugo is not installed (apt-get install -y hugo)"

TMP=$(mktemp -d /tmp/deskbook-size.XXXXXX)
cleanup() { if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM
export DESKBOOK_CACHE=$TMP/cache # every build a full one, nothing left behind

if [ -z "$DESKBOOK" ]; then
	log "building deskbook (go build ./cmd/deskbook)"
	(cd "$REPO" && go build -o "$TMP/deskbook" ./cmd/deskbook) || die "go build failed"
	DESKBOOK=$TMP/deskbook
fi

if [ -z "$CORPUS" ]; then
	[ -d "$CORPORA/rust-error-codes" ] || { log "skipped: corpora not found at $CORPORA"; exit 0; }
	log "generating corpus of $N articles from $CORPORA"
	(cd "$REPO" && go run ./bench/corpus -n "$N" -src "$CORPORA" -out "$TMP/corpus") || die "corpus generator failed"
	CORPUS=$TMP/corpus
fi

build() { # build NAME BIN: deskbook's output into $TMP/out-NAME
	log "$1: $2 build"
	"$2" build --source "$CORPUS/content" --out "$TMP/out-$1" >"$TMP/$1.log" 2>&1 ||
		{ grep -v ': warning: ' "$TMP/$1.log" | tail -20 >&2; die "$1 build failed"; }
}
build deskbook "$DESKBOOK"
args=(-deskbook "$TMP/out-deskbook")
if [ -n "$BASELINE" ]; then
	build base "$BASELINE"
	args+=(-base "$TMP/out-base")
fi

log "hugo: $(hugo version 2>/dev/null | head -1)"
hugo --quiet --cacheDir "$TMP/hugo-cache" -s "$CORPUS/hugo" -d "$TMP/out-hugo" >"$TMP/hugo.log" 2>&1 ||
	{ tail -20 "$TMP/hugo.log" >&2; die "hugo failed"; }
if [ "$PAGEFIND" = 1 ]; then
	if command -v npm >/dev/null && npm install --prefix "$TMP/npm" --no-audit --no-fund --loglevel=error pagefind >"$TMP/npm.log" 2>&1; then
		log "pagefind: $("$TMP/npm/node_modules/.bin/pagefind" --version 2>/dev/null)"
		"$TMP/npm/node_modules/.bin/pagefind" --site "$TMP/out-hugo" >"$TMP/pagefind.log" 2>&1 ||
			{ tail -20 "$TMP/pagefind.log" >&2; die "pagefind failed"; }
	else
		log "pagefind skipped: npm missing or npm install pagefind failed"
	fi
fi
args+=(-hugo "$TMP/out-hugo")

echo "deskbook output size, $N articles, $(date +%F)"
(cd "$REPO" && go run ./bench/size "${args[@]}")
