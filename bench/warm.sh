#!/usr/bin/env bash
# bench/warm.sh [N] [DESKBOOK_BIN]
#
# Warm-rebuild benchmark: how long `deskbook build` takes when the output
# and the cache folder are there from the build before, and nothing
# changed, or one article changed; beside a cold build (empty output and
# cache) and Hugo's rebuild of the same corpus (its cacheDir kept), in
# alternating rounds. Same corpus as bench/build.sh.
#
#   N             articles to generate (arg 1, or env N; default 10000)
#   DESKBOOK_BIN  deskbook binary (arg 2, or env DESKBOOK; default: built)
# Environment: ROUNDS=3, CORPORA=DIR, KEEP=1 (as bench/build.sh).
set -euo pipefail

N=${1:-${N:-10000}}
DESKBOOK=${2:-${DESKBOOK:-}}
ROUNDS=${ROUNDS:-3}
KEEP=${KEEP:-0}
REPO=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}

log() { printf 'warm: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
case $N in '' | *[!0-9]*) die "N must be a positive integer, got '$N'" ;; esac
if [ ! -d "$CORPORA/rust-error-codes" ]; then
	log "skipped: corpora not found at $CORPORA"
	exit 0
fi
command -v hugo >/dev/null || die "hugo is missing (apt-get install -y hugo)"

TMP=$(mktemp -d /tmp/deskbook-warm.XXXXXX)
trap '[ "$KEEP" = 1 ] && log "kept $TMP" || rm -rf "$TMP"' EXIT
if [ -z "$DESKBOOK" ]; then
	(cd "$REPO" && go build -o "$TMP/deskbook" ./cmd/deskbook) || die "go build failed"
	DESKBOOK=$TMP/deskbook
fi
(cd "$REPO" && go run ./bench/corpus -n "$N" -src "$CORPORA" -out "$TMP/corpus" >&2) || die "corpus generator failed"
SRC=$TMP/corpus/content
OUT=$TMP/out
export DESKBOOK_CACHE=$TMP/cache

# timed NAME CMD...: appends the wall seconds of CMD to $TMP/NAME.times.
timed() {
	local name=$1 t0 t1
	shift
	t0=$(date +%s%N)
	"$@" >"$TMP/$name.log" 2>&1 || { tail -20 "$TMP/$name.log" >&2; die "$name failed"; }
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f\n", (b-a)/1e9}' >>"$TMP/$name.times"
}

# One article is edited the way a writer does: a sentence added to its body.
ART=$(find "$SRC" -name '*.md' | sort | sed -n "$((N / 2))p")
edit() { printf '\nOne more sentence, edit %s.\n' "$1" >>"$ART"; }

db() { "$DESKBOOK" build --source "$SRC" --out "$OUT"; }
hugo_build() { hugo --quiet --cacheDir "$TMP/hugo-cache" -s "$TMP/corpus/hugo" -d "$TMP/out-hugo"; }
db >/dev/null 2>&1 || die "the first build failed"
hugo_build >/dev/null 2>&1 || die "hugo failed"
for r in $(seq "$ROUNDS"); do
	log "round $r/$ROUNDS"
	rm -rf "$OUT" "$DESKBOOK_CACHE"
	timed cold db
	timed first db
	timed unchanged db
	edit "$r"
	timed one-edit db
	timed hugo-unchanged hugo_build
	edit "h$r"
	timed hugo-one-edit hugo_build
done

median() { sort -n "$TMP/$1.times" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
COLD=$(median cold)
printf 'deskbook warm rebuild, N=%s articles, %s rounds, %s CPUs, load %s\n' "$N" "$ROUNDS" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %10s %10s\n' case median_s of_cold
for c in cold first unchanged one-edit hugo-unchanged hugo-one-edit; do
	m=$(median "$c")
	printf '%-22s %10s %10s\n' "$c" "$m" "$(awk -v m="$m" -v c="$COLD" 'BEGIN{printf "%.2f", m/c}')"
done
printf 'cold: empty output and cache folder; first: nothing changed, right after the cold build (it fills\n'
printf 'the write stage'"'"'s second buffer: a folder per page and a hard link per file); unchanged: nothing changed,\n'
printf 'the build before was a rebuild; one-edit: a sentence added to one article; hugo: its rebuild of the same corpus.\n'
