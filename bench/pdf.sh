#!/usr/bin/env bash
# bench/pdf.sh [N] [DESKBOOK_BIN]
#
# PDF benchmark: wall time, CPU time and peak memory of the whole process
# tree of "deskbook pdf" (deskbook and Chromium with all its processes),
# for the demo site (three languages, six PDFs) and for an N-article site
# made from the real corpora in ../shared/corpora (one language: faq.pdf
# and faq-large.pdf, tables of contents numbered by two-pass printing),
# and where the time went (the phases deskbook pdf logs).
#
#   N             articles in the generated site (arg 1, or env N; default 500)
#   DESKBOOK_BIN  deskbook binary (arg 2, or env DESKBOOK; default: go build)
# Environment:
#   ROUNDS=1      timed runs of each site (each from an empty output folder)
#   BASELINE=BIN  another deskbook binary (the one before a change), run in
#                 the same rounds, alternating which goes first, as the rows
#                 "base"; the summary gives the ratios new/base
#   DEMO=1        0 skips the demo site
#   TABS=         documents printed at once (deskbook pdf --tabs); default:
#                 each binary's own default
#   CORPORA=DIR   default: <repo>/../shared/corpora
#   KEEP=1        keep the temp dir (the PDFs are in it)
#
# Progress goes to stderr, the result tables to stdout. Needs Chromium
# (apt-get install chromium); without it the benchmark says so and exits 0.
set -euo pipefail

N=${1:-${N:-500}}
DESKBOOK=${2:-${DESKBOOK:-}}
ROUNDS=${ROUNDS:-1}
BASELINE=${BASELINE:-}
DEMO=${DEMO:-1}
TABS=${TABS:-}
KEEP=${KEEP:-0}
REPO=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case $N in '' | *[!0-9]* | 0) die "N must be a positive integer, got '$N'" ;; esac
case $ROUNDS in '' | *[!0-9]* | 0) die "ROUNDS must be a positive integer" ;; esac
case $TABS in '' | [1-8]) ;; *) die "TABS must be 1 to 8, got '$TABS'" ;; esac
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
if [ -n "$BASELINE" ]; then
	case $BASELINE in /*) ;; *) BASELINE=$PWD/$BASELINE ;; esac
	[ -x "$BASELINE" ] || die "baseline binary '$BASELINE' is not executable"
	log "base: $BASELINE"
fi
(cd "$REPO" && go build -o "$TMP/proctree" ./bench/proctree) || die "go build ./bench/proctree failed"

if [ -z "${DESKBOOK_CHROME:-}" ] && [ ! -x /usr/lib/chromium/chromium ] && ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
	log "skipped: no Chromium (apt-get install chromium)"
	exit 0
fi

ROWS=$TMP/rows
PHASES=$TMP/phases
# The PDF store and the stage live in the cache folder: one per run.
export DESKBOOK_CACHE=$TMP/deskbook-cache
: >"$ROWS"
: >"$PHASES"

# secs DURATION...: Go durations ("812ms", "1.5s", "1m2.5s") in seconds.
secs() {
	awk '{ for (i = 1; i <= NF; i++) { d = $i; s = 0
		if (d ~ /^[0-9.]+ms$/) { sub(/ms$/, "", d); s = d / 1000 }
		else if (d ~ /^[0-9.]+µs$/) { s = 0 }
		else { if (d ~ /m/) { split(d, p, "m"); s = p[1] * 60; d = p[2] } sub(/s$/, "", d); s += d }
		printf "%.2f%s", s, (i < NF ? " " : "\n") } }' <<<"$*"
}

# or_dash DURATION: secs, or "-" for nothing.
or_dash() { if [ -n "$1" ]; then secs "$1"; else echo -; fi; }

# run_one NAME BIN LABEL SOURCE ROUND: one "deskbook pdf" of SOURCE from an
# empty output folder and an empty PDF store under proctree; appends a row
# to ROWS and one to PHASES.
run_one() {
	local name=$1 bin=$2 label=$3 src=$4 r=$5 out base
	base=$TMP/$name-$label-$r
	out=$TMP/out-$name-$label-$r
	rm -rf "$out" "$DESKBOOK_CACHE"
	sync
	log "$name: $label: deskbook pdf (round $r/$ROUNDS)"
	local tabs=()
	[ -z "$TABS" ] || tabs=(--tabs "$TABS")
	# Sampling every 250 ms, not proctree's 50 ms: reading smaps_rollup of
	# a dozen Chromium processes 20 times a second costs about 8 s of
	# system CPU per run on 2 cores, which slows what is measured.
	if ! "$TMP/proctree" -every 250ms -o "$base.tree" -- "$bin" pdf --source "$src" --out "$out" --date 2026-11-23 "${tabs[@]}" \
		>"$base.out" 2>"$base.err"; then
		tail -30 "$base.err" >&2
		die "deskbook pdf ($label) failed on $name"
	fi
	grep -E '^pdf: (site built|phases|Chromium started)|^deskbook: (built|PDFs done)' "$base.out" "$base.err" | sed 's/^[^:]*://' >&2 || true
	# "deskbook: DIR/en/print/faq.pdf: 581 pages, 413 articles, 6.5 MB, printed (a4)"
	local pdfs pages books articles
	pdfs=$(grep -c 'pages, ' "$base.out" || true)
	pages=$(awk '/ pages, /{for(i=1;i<=NF;i++) if($(i+1)=="pages,") s+=$i} END{print s+0}' "$base.out")
	books=$(awk '/faq\.pdf: /{for(i=1;i<=NF;i++) if($(i+1)=="articles,") s+=$i} END{print s+0}' "$base.out")
	articles=$(find "$src" -name '*.md' ! -name '_*' | wc -l)
	local wall_s cpu_s peak_rss_mib peak_pss_mib
	# shellcheck disable=SC2046
	eval $(tr ' ' '\n' <"$base.tree" | grep -E '^(wall_s|cpu_s|peak_rss_mib|peak_pss_mib)=')
	echo "$name $label $articles $books $pdfs $pages $wall_s $cpu_s $peak_rss_mib $peak_pss_mib" >>"$ROWS"
	# Phases: the print-site build, then what deskbook pdf's log says (a
	# binary from before the phase log shows "-"), then the final build.
	local b1 b2 st ph
	b1=$(sed -n 's/^pdf: site built for printing in \([^ ]*\)$/\1/p' "$base.err" | tail -1)
	b2=$(sed -n 's/^deskbook: built .* in \([^ ]*\) → .*$/\1/p' "$base.out" | tail -1)
	st=$(sed -n 's/^pdf: Chromium started in \([^ ]*\).*$/\1/p' "$base.err" | tail -1)
	ph=$(sed -n 's/^pdf: phases: start [^,]*, load \([^,]*\), measure \([^,]*\), final \([^,]*\), read \([^ ]*\) .*$/\1 \2 \3 \4/p' "$base.err" | tail -1)
	echo "$name $label $(or_dash "$b1") $(or_dash "$st") $(if [ -n "$ph" ]; then secs "$ph"; else echo "- - - -"; fi) $(or_dash "$b2")" >>"$PHASES"
}

# measure NAME SOURCE: ROUNDS runs of each binary on SOURCE, alternating
# which goes first.
measure() {
	local name=$1 src=$2 r
	for r in $(seq 1 "$ROUNDS"); do
		if [ -z "$BASELINE" ]; then
			run_one "$name" "$DESKBOOK" new "$src" "$r"
		elif [ $((r % 2)) = 1 ]; then
			run_one "$name" "$DESKBOOK" new "$src" "$r"
			run_one "$name" "$BASELINE" base "$src" "$r"
		else
			run_one "$name" "$BASELINE" base "$src" "$r"
			run_one "$name" "$DESKBOOK" new "$src" "$r"
		fi
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
		"${TABS:-default}" "$(nproc)" "$LOAD_START" "$LOAD_END"
	printf '%-12s %-5s %8s %8s %5s %6s %8s %8s %9s %9s\n' site bin articles in_book pdfs pages wall_s cpu_s rss_MiB pss_MiB
	awk '{printf "%-12s %-5s %8d %8d %5d %6d %8.2f %8.2f %9.1f %9.1f\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10}' "$ROWS"
	if [ -n "$BASELINE" ]; then
		# Medians per site and binary, and the ratios new/base.
		awk '{ w[$1" "$2] = w[$1" "$2] " " $7; c[$1" "$2] = c[$1" "$2] " " $8; sites[$1] = 1 }
			function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
				return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
			END { for (s in sites) if ((s" new") in w && (s" base") in w) {
				wn = med(w[s" new"]); wb = med(w[s" base"]); cn = med(c[s" new"]); cb = med(c[s" base"])
				printf "%-12s median wall %.2f s (base %.2f s): %.2fx; cpu %.2f s (base %.2f s): %.2fx\n", s, wn, wb, wn / wb, cn, cb, cn / cb } }' "$ROWS"
	fi
	echo
	echo "phases (seconds; load, measure, final and read are summed over the documents, which print at once in several tabs):"
	printf '%-12s %-5s %8s %7s %7s %8s %7s %7s %8s\n' site bin build1 start load measure final read build2
	awk '{printf "%-12s %-5s %8s %7s %7s %8s %7s %7s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$PHASES"
	[ -z "$BUILD_LINE" ] || echo "deskbook build of the same corpus alone: $BUILD_LINE"
	echo "wall_s: wall time of deskbook pdf (a build, Chromium printing every PDF, a second build that links them);"
	echo "cpu_s: user+system time summed over the process tree; rss/pss_MiB: peak of the tree's summed RSS / PSS"
	echo "(sampled from /proc every 250 ms by bench/proctree). in_book: articles in the FAQ PDFs (release notes are left out)."
	echo "build1: the build printed from; start: Chromium starting; load: pages loaded and readied; measure: measuring"
	echo "passes; final: the passes that make the PDFs; read: reading the PDFs back (pdfcpu); build2: the build that links them."
}
