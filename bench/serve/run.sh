#!/usr/bin/env bash
# bench/serve/run.sh [N] [DESKBOOK_BIN]
#
# Live-preview benchmark: deskbook serve vs hugo server on the same
# N-article corpus (default 10000): time from a file write to the reload
# message, for body edits, title edits, new files and body edits saved
# back to back (bench/README.md).
#
# Environment: EDITS=50 (per scenario), GAP=1.5s (pause after each reload),
# SCENARIOS=body,title,new,burst, BASELINE=/path/to/old/deskbook (the same
# scenarios with it, as deskbook-base), HUGO=hugo ("" skips Hugo),
# CORPORA=DIR (default <repo>/../shared/corpora), KEEP=1 keeps the temp
# dir. The table goes to stdout, progress to stderr.
set -euo pipefail

N=${1:-${N:-10000}}
DESKBOOK=${2:-${DESKBOOK:-}}
EDITS=${EDITS:-50}
GAP=${GAP:-1.5s}
SCENARIOS=${SCENARIOS:-body,title,new,burst}
BASELINE=${BASELINE:-}
HUGO=${HUGO-hugo}
KEEP=${KEEP:-0}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}

log() { printf 'bench: %s\n' "$*" >&2; }
if [ ! -d "$CORPORA/rust-error-codes" ]; then
	log "skipped: corpora not found at $CORPORA"
	exit 0
fi
if [ -n "$HUGO" ] && ! command -v "$HUGO" >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		log "installing hugo (apt-get)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y hugo >/dev/null 2>&1 ||
			{ DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y hugo >/dev/null 2>&1; } ||
			{ log "could not install hugo; measuring deskbook only"; HUGO=; }
	else
		log "hugo not found; measuring deskbook only"
		HUGO=
	fi
fi

TMP=$(mktemp -d /tmp/deskbook-bench-serve.XXXXXX)
cleanup() { if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$DESKBOOK" ]; then
	log "building deskbook"
	(cd "$REPO" && go build -o "$TMP/deskbook" ./cmd/deskbook)
	DESKBOOK=$TMP/deskbook
fi
log "generating a corpus of $N articles"
(cd "$REPO" && go run ./bench/corpus -n "$N" -src "$CORPORA" -out "$TMP/corpus") >&2
(cd "$REPO" && go build -o "$TMP/bench-serve" ./bench/serve)
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); $(nproc) CPUs"
"$TMP/bench-serve" -corpus "$TMP/corpus" -deskbook "$DESKBOOK" -base "$BASELINE" -hugo "$HUGO" -edits "$EDITS" -gap "$GAP" -scenarios "$SCENARIOS"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
