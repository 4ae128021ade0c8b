#!/usr/bin/env bash
# bench/identical.sh [BASE] [N]
#
# Checks that a change did not change what deskbook builds: the binary of
# the git revision BASE (default: the commit before HEAD) and the binary of
# the working tree build the demo knowledge base (content/) and an
# N-article corpus (default 1000, from bench/corpus and ../shared/corpora),
# and the two output folders of each site must be byte for byte the same.
#
#   bench/identical.sh                      HEAD~1 against the working tree
#   bench/identical.sh 6f12cc0 1000         a given revision
#   BEFORE=/path/deskbook bench/identical.sh    a binary instead of a revision
#
# Exit status: 0 identical, 1 different (the differing files are listed),
# 2 could not run. Without the corpora only the demo is compared.
set -euo pipefail

BASE=${1:-HEAD~1}
N=${2:-${N:-1000}}
REPO=$(cd "$(dirname "$0")/.." && pwd)
CORPORA=${CORPORA:-$REPO/../shared/corpora}
log() { printf 'identical: %s\n' "$*" >&2; }

TMP=$(mktemp -d /tmp/deskbook-identical.XXXXXX)
trap 'git -C "$REPO" worktree remove --force "$TMP/base-src" >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT

if [ -n "${BEFORE:-}" ]; then
	cp "$BEFORE" "$TMP/before"
	log "before: $BEFORE"
else
	rev=$(git -C "$REPO" rev-parse --verify "$BASE^{commit}") || { log "no revision $BASE"; exit 2; }
	git -C "$REPO" worktree add --detach "$TMP/base-src" "$rev" >/dev/null 2>&1 || { log "git worktree add failed"; exit 2; }
	(cd "$TMP/base-src" && go build -o "$TMP/before" ./cmd/deskbook) || { log "building $BASE failed"; exit 2; }
	log "before: $BASE ($rev)"
fi
(cd "$REPO" && go build -o "$TMP/after" ./cmd/deskbook) || { log "building the working tree failed"; exit 2; }
log "after: the working tree"

sites=("demo:$REPO/content")
if [ -d "$CORPORA/rust-error-codes" ] && [ -d "$CORPORA/organicmaps" ] && [ -d "$CORPORA/rust-releases" ]; then
	(cd "$REPO" && go run ./bench/corpus -n "$N" -src "$CORPORA" -out "$TMP/corpus" -no-hugo) || { log "corpus generator failed"; exit 2; }
	sites+=("corpus-$N:$TMP/corpus/content")
else
	log "corpora not found at $CORPORA: comparing the demo only"
fi

status=0
for site in "${sites[@]}"; do
	name=${site%%:*} src=${site#*:}
	for bin in before after; do
		# Each binary builds its own copy of the source, so nothing one
		# build writes (the URL ledger) reaches the other.
		rm -rf "$TMP/src-$bin"
		cp -a "$src" "$TMP/src-$bin"
		# "publish" records the URL ledger; a binary from before it existed
		# did that in "build".
		cmd=build
		"$TMP/$bin" publish --help >/dev/null 2>&1 && cmd=publish
		DESKBOOK_CACHE=$TMP/cache-$bin "$TMP/$bin" $cmd --source "$TMP/src-$bin" --out "$TMP/$name-$bin/public" >"$TMP/$name-$bin.log" 2>&1 ||
			{ log "$bin: building $name failed:"; tail -20 "$TMP/$name-$bin.log" >&2; exit 2; }
	done
	files=$(find "$TMP/$name-after/public" -type f | wc -l)
	bytes=$(du -sb "$TMP/$name-after/public" | awk '{print $1}')
	if diff -r -q "$TMP/$name-before/public" "$TMP/$name-after/public" >"$TMP/$name.diff"; then
		echo "$name: identical ($files files, $bytes bytes)"
	else
		echo "$name: DIFFERENT ($(wc -l <"$TMP/$name.diff") files differ):"
		head -20 "$TMP/$name.diff"
		status=1
	fi
	if ! cmp -s "$TMP/src-before/published-urls.txt" "$TMP/src-after/published-urls.txt"; then
		echo "$name: the URL ledgers differ"
		status=1
	fi
done
exit $status
