#!/usr/bin/env bash
# bench/pdf.sh [N] [DESKBOOK_BIN]
#
# PDF benchmark: wall time, CPU time and peak memory of the whole process
# tree of "deskbook pdf" (deskbook and Chromium with all its processes),
# for the demo site (three languages, six PDFs) and for an N-article site
# made from the real corpora in ../shared/corpora (one language: faq.pdf
# and faq-large.pdf, tables of contents numbered by two-pass printing).
#
#   N             articles in the generated site (arg 1, or env N; default 500)
#   DESKBOOK_BIN  deskbook binary (arg 2, or env DESKBOOK; default: go build)
# Environment:
#   ROUNDS=1      timed runs of each site (each from an empty output folder)
#   DEMO=1        0 skips the demo site
#   TABS=1        documents printed at once (deskbook pdf --tabs)
#   CORPORA=DIR   default: <repo>/../shared/corpora
#   KEEP=1        keep the temp dir (the PDFs are in it)
#
# Progress goes to stderr, the result table to stdout. Needs Chromium
# (apt-get install chromium); without it the benchmark says so and exits 0.
set -euo pipefail

N=${1:-${N:-500}}
DESKBOOK=${2:-${DESKBOOK:-}}
ROUNDS=${ROUNDS:-1}
DEMO=${DEMO:-1}
TABS=${TABS:-1}
KEEP=${KEEP:-0}
REPO=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case $N in '' | *[!0-9]* | 0) die "N must be a positive integer, got '$N'" ;; esac
case $ROUNDS in '' | *[!0-9]* | 0) die "ROUNDS must be a positive integer" ;; esac
command -v go >/dev/null || die "go is not on PATH"

TMP=$(mktemp -d /tmp/deskbook-bench-pdf.XXXXXX)
cleanup() { if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$DESKBOOK" ]; then
	log "building deskbook (go build ./cmd/deskbook)"
	(cd "$REPO" && go build -o "$TMP/deskbook" ./cmd/deskbook) || die "go build failed"
	DESKBOOK=$TMP/deskbook
fi
(cd "$REPO" && go build -o "$TMP/proctree" ./bench/proctree) || die "go build ./bench/proctree failed"

if [ -z "${DESKBOOK_CHROME:-}" ] && [ ! -x /usr/lib/chromium/chromium ] && ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
	log "skipped: no Chromium (apt-get install chromium)"
	exit 0
fi

ROWS=$TMP/rows
# The PDF store and the stage live in the cache folder: one per run.
export DESKBOOK_CACHE=$TMP/deskbook-cache
: >"$ROWS"

# measure NAME SOURCE: runs "deskbook pdf" on SOURCE from an empty output
# folder under proctree, ROUNDS times, and appends a row per run.
measure() {
	local name=$1 src=$2 r out
	for r in $(seq 1 "$ROUNDS"); do
		out=$TMP/out-$name-$r
		rm -rf "$out" "$TMP/.out-$name-$r.stage" "$TMP/.out-$name-$r.pdf" "$DESKBOOK_CACHE"
		sync
		log "$name: deskbook pdf (round $r/$ROUNDS)"
		# Sampling every 250 ms, not proctree's 50 ms: reading smaps_rollup of
		# a dozen Chromium processes 20 times a second costs about 8 s of
		# system CPU per run on 2 cores, which slows what is measured.
		if ! "$TMP/proctree" -every 250ms -o "$TMP/$name-$r.tree" -- "$DESKBOOK" pdf --source "$src" --out "$out" --date 2026-11-23 --tabs "$TABS" \
			>"$TMP/$name-$r.out" 2>"$TMP/$name-$r.err"; then
			tail -30 "$TMP/$name-$r.err" >&2
			die "deskbook pdf failed on $name"
		fi
		cat "$TMP/$name-$r.out" >&2
		# "deskbook: DIR/en/print/faq.pdf: 581 pages, 413 articles, 6.5 MB, printed (a4)"
		local pdfs pages books articles
		pdfs=$(grep -c 'pages, ' "$TMP/$name-$r.out" || true)
		pages=$(awk '/ pages, /{for(i=1;i<=NF;i++) if($(i+1)=="pages,") s+=$i} END{print s+0}' "$TMP/$name-$r.out")
		books=$(awk '/faq\.pdf: /{for(i=1;i<=NF;i++) if($(i+1)=="articles,") s+=$i} END{print s+0}' "$TMP/$name-$r.out")
		articles=$(find "$src" -name '*.md' ! -name '_*' | wc -l)
		# shellcheck disable=SC2046
		eval $(tr ' ' '\n' <"$TMP/$name-$r.tree" | grep '=')
		echo "$name $articles $books $pdfs $pages $wall_s $cpu_s $peak_rss_mib $peak_pss_mib" >>"$ROWS"
	done
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
if [ "$DEMO" = 1 ]; then
	measure demo "$REPO/content"
fi
if [ -d "$CORPORA/rust-error-codes/error_codes" ] && [ -d "$CORPORA/rust-releases/versions" ] && [ -d "$CORPORA/organicmaps/content" ]; then
	log "generating a corpus of $N articles from $CORPORA"
	(cd "$REPO" && go run ./bench/corpus -n "$N" -src "$CORPORA" -out "$TMP/corpus" -no-hugo) >&2 || die "corpus generator failed"
	measure "corpus-$N" "$TMP/corpus/content"
	log "corpus-$N: deskbook build alone, for comparison"
	rm -rf "$TMP/out-build"
	"$TMP/proctree" -o "$TMP/build.tree" -- "$DESKBOOK" build --source "$TMP/corpus/content" --out "$TMP/out-build" >/dev/null 2>&1 ||
		die "deskbook build failed"
	BUILD_LINE=$(cat "$TMP/build.tree")
else
	log "corpus skipped: corpora not found at $CORPORA"
	BUILD_LINE=
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

{
	printf 'deskbook pdf benchmark (--tabs %s): %s CPUs; load average at start %s, at end %s (other work on the machine makes times noisy)\n' \
		"$TABS" "$(nproc)" "$LOAD_START" "$LOAD_END"
	printf '%-12s %8s %8s %5s %6s %8s %8s %9s %9s\n' site articles in_book pdfs pages wall_s cpu_s rss_MiB pss_MiB
	awk '{printf "%-12s %8d %8d %5d %6d %8.2f %8.2f %9.1f %9.1f\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$ROWS"
	[ -z "$BUILD_LINE" ] || echo "deskbook build of the same corpus alone: $BUILD_LINE"
	echo "wall_s: wall time of deskbook pdf (a build, Chromium printing every PDF, a second build that links them);"
	echo "cpu_s: user+system time summed over the process tree; rss/pss_MiB: peak of the tree's summed RSS / PSS"
	echo "(sampled from /proc every 250 ms by bench/proctree). in_book: articles in the FAQ PDFs (release notes are left out)."
}
