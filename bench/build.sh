#!/usr/bin/env bash
# bench/build.sh [N] [DESKBOOK_BIN]
#
# Build-speed benchmark: deskbook vs Hugo (and Hugo + Pagefind) on the same
# N-article corpus made from the real corpora in ../shared/corpora.
#
#   N             articles to generate (arg 1, or env N; default 10000)
#   DESKBOOK_BIN  deskbook binary to time (arg 2, or env DESKBOOK; default:
#                 go build -o $TMP/deskbook ./cmd/deskbook from the repo root;
#                 "none" times only Hugo and Pagefind)
# Environment:
#   ROUNDS=3      timed rounds; each round runs deskbook, then hugo (+pagefind)
#   WARMUP=1      untimed warm-up run of each tool first (also checks it builds)
#   PAGEFIND=1    0 skips the "hugo+pagefind" row
#   CORPORA=DIR   default: <repo>/../shared/corpora
#   KEEP=1        keep the temp dir (path printed at exit)
#   BASELINE=BIN  another deskbook binary (the one before a change) timed in
#                 the same alternating rounds, as the row "deskbook-base"
#
# Progress goes to stderr, the result table to stdout.
set -euo pipefail

N=${1:-${N:-10000}}
DESKBOOK=${2:-${DESKBOOK:-}}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-1}
PAGEFIND=${PAGEFIND:-1}
KEEP=${KEEP:-0}
BASELINE=${BASELINE:-}

REPO=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

case $N in '' | *[!0-9]*) die "N must be a positive integer, got '$N'" ;; esac
case $ROUNDS in '' | *[!0-9]* | 0) die "ROUNDS must be a positive integer" ;; esac

if [ ! -d "$CORPORA/rust-error-codes/error_codes" ] || [ ! -d "$CORPORA/rust-releases/versions" ] ||
	[ ! -d "$CORPORA/organicmaps/content" ]; then
	log "skipped: corpora not found at $CORPORA (expected rust-error-codes/, rust-releases/, organicmaps/)"
	exit 0
fi
CORPORA=$(cd "$CORPORA" && pwd)

TMP=$(mktemp -d /tmp/deskbook-bench.XXXXXX)
cleanup() {
	if [ "$KEEP" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# apt_install PKG: install a Debian package, running apt-get update only if
# the first attempt fails.
apt_install() {
	command -v apt-get >/dev/null || die "$1 is missing and apt-get is not available"
	[ "$(id -u)" = 0 ] || die "$1 is missing; install it (apt-get install -y $1) or run as root"
	log "installing $1 (apt-get)"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >"$TMP/apt.log" 2>&1; then
		log "apt-get install failed; running apt-get update first"
		DEBIAN_FRONTEND=noninteractive apt-get update >>"$TMP/apt.log" 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >>"$TMP/apt.log" 2>&1 ||
			{ tail -20 "$TMP/apt.log" >&2; die "could not install $1"; }
	fi
}

[ -x /usr/bin/time ] || apt_install time
command -v hugo >/dev/null || apt_install hugo
command -v go >/dev/null || die "go is not on PATH"

# ---------------------------------------------------------------- binaries
if [ "$DESKBOOK" = none ]; then
	log "deskbook: none (timing Hugo only)"
elif [ -n "$DESKBOOK" ]; then
	case $DESKBOOK in /*) ;; *) DESKBOOK=$PWD/$DESKBOOK ;; esac
	[ -x "$DESKBOOK" ] || die "deskbook binary '$DESKBOOK' is not executable"
else
	log "building deskbook (go build ./cmd/deskbook)"
	(cd "$REPO" && go build -o "$TMP/deskbook" ./cmd/deskbook) || die "go build ./cmd/deskbook failed"
	DESKBOOK=$TMP/deskbook
fi
[ "$DESKBOOK" = none ] || log "deskbook: $DESKBOOK"
if [ -n "$BASELINE" ]; then
	case $BASELINE in /*) ;; *) BASELINE=$PWD/$BASELINE ;; esac
	[ -x "$BASELINE" ] || die "baseline binary '$BASELINE' is not executable"
	log "deskbook-base: $BASELINE"
fi
log "hugo: $(hugo version 2>/dev/null | head -1)"

# ---------------------------------------------------------------- Pagefind hook
# setup_pagefind sets PAGEFIND_BIN, or clears PAGEFIND when it can't be had.
# Pagefind's npm package ships its binary inside registry packages
# (@pagefind/linux-x64), so a plain npm install works here.
PAGEFIND_BIN=
setup_pagefind() {
	[ "$PAGEFIND" = 1 ] || return 0
	if ! command -v npm >/dev/null; then
		log "pagefind skipped: npm not found (apt-get install -y npm)"
		PAGEFIND=0
		return 0
	fi
	log "installing pagefind (npm install --prefix \$TMP/npm pagefind)"
	if ! npm install --prefix "$TMP/npm" --no-audit --no-fund --loglevel=error pagefind >"$TMP/npm.log" 2>&1 ||
		[ ! -x "$TMP/npm/node_modules/.bin/pagefind" ] ||
		! "$TMP/npm/node_modules/.bin/pagefind" --version >/dev/null 2>&1; then
		tail -10 "$TMP/npm.log" >&2 || true
		log "pagefind skipped: npm install pagefind failed or its binary does not run"
		PAGEFIND=0
		return 0
	fi
	PAGEFIND_BIN=$TMP/npm/node_modules/.bin/pagefind
	log "pagefind: $("$PAGEFIND_BIN" --version 2>/dev/null)"
}
setup_pagefind

# ---------------------------------------------------------------- corpus
log "generating corpus of $N articles from $CORPORA"
(cd "$REPO" && go run ./bench/corpus -n "$N" -src "$CORPORA" -out "$TMP/corpus") ||
	die "corpus generator failed"
SRC=$TMP/corpus/content
HUGO_SRC=$TMP/corpus/hugo

# ---------------------------------------------------------------- timing
# timed NAME OUTDIR CMD...: runs CMD once with an empty OUTDIR, appends
# "wall_seconds peak_rss_kib" to $TMP/NAME.times. Wall time comes from a
# nanosecond clock around /usr/bin/time (its %e has only 10 ms resolution);
# peak RSS is /usr/bin/time's %M.
timed() {
	local name=$1 out=$2
	shift 2
	# deskbook keeps the output before last in its cache folder (double
	# buffering; DESKBOOK_CACHE below), and before that beside the output
	# (a BASELINE binary may): remove both, so every run is a full build.
	rm -rf "$out" "$(dirname "$out")/.$(basename "$out").stage" "$DESKBOOK_CACHE"
	sync
	local t0 t1 rc=0
	t0=$(date +%s%N)
	/usr/bin/time -f '%e %M' -o "$TMP/$name.rusage" "$@" >"$TMP/$name.log" 2>&1 || rc=$?
	t1=$(date +%s%N)
	if [ "$rc" != 0 ]; then
		log "$name failed (exit $rc); its output:"
		head -n 60 "$TMP/$name.log" >&2
		n=$(wc -l <"$TMP/$name.log")
		[ "$n" -le 60 ] || log "... ($n lines in all)"
		cp "$TMP/$name.log" "/tmp/deskbook-bench-$name.log" 2>/dev/null && log "full output: /tmp/deskbook-bench-$name.log"
		return 1
	fi
	local rss
	rss=$(tail -n 1 "$TMP/$name.rusage" | awk '{print $2}')
	awk -v a="$t0" -v b="$t1" -v r="$rss" 'BEGIN{printf "%.3f %d\n", (b-a)/1e9, r}' >>"$TMP/$name.times"
}

DB_OUT=$TMP/out-deskbook
export DESKBOOK_CACHE=$TMP/deskbook-cache
HUGO_OUT=$TMP/out-hugo
run_deskbook() {
	[ "$DESKBOOK" != none ] || return 0
	timed "$1" "$DB_OUT" "$DESKBOOK" build --source "$SRC" --out "$DB_OUT"
}
run_baseline() {
	[ -n "$BASELINE" ] || return 0
	timed "$1" "$DB_OUT" "$BASELINE" build --source "$SRC" --out "$DB_OUT"
}
run_hugo() { timed "$1" "$HUGO_OUT" hugo --quiet --cacheDir "$TMP/hugo-cache" -s "$HUGO_SRC" -d "$HUGO_OUT"; }
# Pagefind indexes the Hugo output in place, so it runs right after run_hugo.
run_pagefind() {
	[ "$PAGEFIND" = 1 ] || return 0
	# timed() empties its OUTDIR; give it a dummy one so Hugo's output stays.
	timed "$1" "$TMP/pagefind-unused" "$PAGEFIND_BIN" --site "$HUGO_OUT"
}

# The bytes of the files, which is what a host stores and sends: du -sb
# would also count each folder's own size (4 KB on ext4), which says more
# about how many folders there are than about the output.
size_of() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
files_of() { find "$1" -type f | wc -l; }

if [ "$WARMUP" = 1 ]; then
	[ "$DESKBOOK" = none ] || log "warm-up (untimed): deskbook"
	run_deskbook warmup-deskbook || die "deskbook build failed on the generated corpus (see above)"
	run_baseline warmup-baseline || die "the baseline deskbook failed on the generated corpus (see above)"
	log "warm-up (untimed): hugo"
	run_hugo warmup-hugo || die "hugo failed on the generated corpus (see above)"
	if [ "$PAGEFIND" = 1 ]; then
		log "warm-up (untimed): pagefind"
		run_pagefind warmup-pagefind || die "pagefind failed"
	fi
fi

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
for r in $(seq 1 "$ROUNDS"); do
	[ "$DESKBOOK" = none ] || log "round $r/$ROUNDS: deskbook"
	run_deskbook deskbook || die "deskbook build failed"
	# sizes of the last round's outputs, each right after it is made
	if [ "$DESKBOOK" != none ]; then
		DB_SIZE=$(size_of "$DB_OUT") DB_FILES=$(files_of "$DB_OUT")
	fi
	if [ -n "$BASELINE" ]; then
		log "round $r/$ROUNDS: deskbook-base"
		run_baseline deskbook-base || die "the baseline deskbook failed"
		DBB_SIZE=$(size_of "$DB_OUT") DBB_FILES=$(files_of "$DB_OUT")
	fi
	log "round $r/$ROUNDS: hugo"
	run_hugo hugo || die "hugo failed"
	# Hugo's output size before Pagefind adds its index
	HUGO_SIZE=$(size_of "$HUGO_OUT") HUGO_FILES=$(files_of "$HUGO_OUT")
	if [ "$PAGEFIND" = 1 ]; then
		log "round $r/$ROUNDS: pagefind"
		run_pagefind pagefind || die "pagefind failed"
		HP_SIZE=$(size_of "$HUGO_OUT") HP_FILES=$(files_of "$HUGO_OUT")
	fi
done

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---------------------------------------------------------------- table
# hugo+pagefind per round: time = hugo + pagefind, RSS = the larger of the two.
if [ "$PAGEFIND" = 1 ]; then
	paste -d ' ' "$TMP/hugo.times" "$TMP/pagefind.times" |
		awk '{printf "%.3f %d\n", $1+$3, ($2>$4?$2:$4)}' >"$TMP/hugo+pagefind.times"
fi

# stats NAME -> "median min max rss_max_kib"
stats() {
	sort -n "$TMP/$1.times" | awk '
		{ t[NR]=$1; if ($2>rss) rss=$2 }
		END { m = (NR%2) ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2
		      printf "%.3f %.3f %.3f %d\n", m, t[1], t[NR], rss }'
}

[ "$DESKBOOK" = none ] || read -r DB_T DB_MIN DB_MAX DB_RSS <<<"$(stats deskbook)"
[ -z "$BASELINE" ] || read -r DBB_T DBB_MIN DBB_MAX DBB_RSS <<<"$(stats deskbook-base)"
read -r H_T H_MIN H_MAX H_RSS <<<"$(stats hugo)"
if [ "$PAGEFIND" = 1 ]; then
	read -r P_T P_MIN P_MAX P_RSS <<<"$(stats pagefind)"
	read -r HP_T HP_MIN HP_MAX HP_RSS <<<"$(stats hugo+pagefind)"
fi

row() { # name median min max rss_kib size_bytes files
	awk -v n="$1" -v m="$2" -v lo="$3" -v hi="$4" -v r="$5" -v s="$6" -v f="$7" 'BEGIN{
		sz = (s == "-") ? "-" : sprintf("%.1f", s/1048576)
		printf "%-15s %9.3f  %8.3f-%-8.3f %9.1f  %9s  %7s\n", n, m, lo, hi, r/1024, sz, f }'
}
ratio() { # label t1 t2 rss1 rss2 size1 size2
	awk -v l="$1" -v a="$2" -v b="$3" -v c="$4" -v d="$5" -v e="$6" -v f="$7" 'BEGIN{
		printf "%-30s time %6.2fx   rss %6.2fx   size %6.2fx\n", l, (b>0?a/b:0), (d>0?c/d:0), (f>0?e/f:0) }'
}

{
	printf 'deskbook build benchmark: N=%s articles, %s alternating rounds (%s warm-up), %s\n' \
		"$N" "$ROUNDS" "$([ "$WARMUP" = 1 ] && echo 1 || echo no)" "$(nproc) CPUs"
	printf 'load average at start %s, at end %s (other work on the machine makes times noisy)\n' "$LOAD_START" "$LOAD_END"
	printf '%-15s %9s  %-17s %9s  %9s  %7s\n' tool median_s "min-max_s" rss_MiB out_MiB files
	[ "$DESKBOOK" = none ] || row deskbook "$DB_T" "$DB_MIN" "$DB_MAX" "$DB_RSS" "$DB_SIZE" "$DB_FILES"
	[ -z "$BASELINE" ] || row deskbook-base "$DBB_T" "$DBB_MIN" "$DBB_MAX" "$DBB_RSS" "$DBB_SIZE" "$DBB_FILES"
	row hugo "$H_T" "$H_MIN" "$H_MAX" "$H_RSS" "$HUGO_SIZE" "$HUGO_FILES"
	if [ "$PAGEFIND" = 1 ]; then
		row pagefind "$P_T" "$P_MIN" "$P_MAX" "$P_RSS" "$((HP_SIZE - HUGO_SIZE))" "$((HP_FILES - HUGO_FILES))"
		row hugo+pagefind "$HP_T" "$HP_MIN" "$HP_MAX" "$HP_RSS" "$HP_SIZE" "$HP_FILES"
	fi
	if [ "$DESKBOOK" != none ] && [ -n "$BASELINE" ]; then
		ratio "deskbook/deskbook-base" "$DB_T" "$DBB_T" "$DB_RSS" "$DBB_RSS" "$DB_SIZE" "$DBB_SIZE"
	fi
	if [ "$DESKBOOK" != none ]; then
		ratio "deskbook/hugo" "$DB_T" "$H_T" "$DB_RSS" "$H_RSS" "$DB_SIZE" "$HUGO_SIZE"
	fi
	if [ "$DESKBOOK" = none ]; then
		:
	elif [ "$PAGEFIND" = 1 ]; then
		ratio "deskbook/hugo+pagefind" "$DB_T" "$HP_T" "$DB_RSS" "$HP_RSS" "$DB_SIZE" "$HP_SIZE"
	else
		echo "(hugo+pagefind: skipped)"
	fi
	echo "median_s: median wall time; rss_MiB: highest peak RSS over the timed runs (/usr/bin/time %M);"
	echo "out_MiB/files: output of the last round (hugo without, hugo+pagefind with Pagefind's index)."
}
