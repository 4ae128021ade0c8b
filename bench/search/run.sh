#!/usr/bin/env bash
# bench/search/run.sh [go run flags…]
#
# Search benchmark: deskbook vs Pagefind on the same site built from
# ../shared/corpora, in real Chromium. Installs Pagefind from the npm
# registry into a cache folder (PAGEFIND_CACHE, default
# ${XDG_CACHE_HOME:-$HOME/.cache}/deskbook-bench/pagefind) unless
# PAGEFIND_BIN names a binary, then runs bench/search/main.go. The table
# goes to stdout, progress to stderr. Extra arguments go to the program:
#   -rounds 3   timed index builds per engine
#   -first 8    how many of the fixed first queries to measure
#   -v          log every query and every request of the first queries
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}
log() { printf 'bench/search: %s\n' "$*" >&2; }

if [ ! -d "$CORPORA/organicmaps/content" ] || [ ! -d "$CORPORA/rust-error-codes/error_codes" ]; then
	log "skipped: corpora not found at $CORPORA"
	exit 0
fi

PF=${PAGEFIND_BIN:-}
if [ -z "$PF" ]; then
	CACHE=${PAGEFIND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/deskbook-bench/pagefind}
	PF=$CACHE/node_modules/.bin/pagefind
	if [ ! -x "$PF" ] || ! "$PF" --version >/dev/null 2>&1; then
		command -v npm >/dev/null || { log "npm not found (apt-get install -y npm)"; exit 1; }
		log "installing pagefind into $CACHE (npm)"
		mkdir -p "$CACHE"
		npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error pagefind >&2
	fi
fi
log "pagefind: $("$PF" --version)"

cd "$REPO"
exec go run ./bench/search -corpora "$CORPORA" -pagefind "$PF" "$@"
