# The README's test command is "make test"; .ci/run runs the same.
GO ?= go
FUZZTIME ?= 30s
PKGS := ./...

# The packages whose code runs concurrently: the race detector watches
# their tests.
RACE_PKGS := ./builder/... ./internal/preview ./internal/pdf ./search

.PHONY: test vet fmt-check race bench fuzz build serve

# The whole suite, the race detector on the concurrent packages (-short:
# fewer random edits, no accessibility audit), then every fuzz target for
# FUZZTIME (30 s each).
# builder's whole-site and browser tests take about 4 minutes on 2 cores;
# the timeout leaves room for a busy runner.
test: fmt-check vet
	$(GO) test -count=1 -timeout 30m $(PKGS)
	$(MAKE) --no-print-directory race
	$(MAKE) --no-print-directory fuzz

race:
	$(GO) test -race -short -count=1 $(RACE_PKGS)

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Go benchmarks; bench/build.sh compares with Hugo and Pagefind on the real corpora.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# Each fuzz target for a bounded time. Minimizing is bounded too: Go 1.26's
# fuzzer minimizes a new input for up to 60 s, and a worker busy when
# -fuzztime ends can fail the run with a bare "context deadline exceeded"
# and no input (golang/go#75804, fixed in Go 1.27); a failing input is
# still written, only less minimized. .ci/fuzz runs a target once more
# after such a bare stop, and never after a failure with an input.
FUZZFLAGS ?= -fuzzminimizetime 200x
FUZZ = GO='$(GO)' FUZZTIME='$(FUZZTIME)' FUZZFLAGS='$(FUZZFLAGS)' .ci/fuzz
fuzz:
	@$(FUZZ) FuzzArticle ./builder
	@$(FUZZ) FuzzLedger ./internal/ledger
	@$(FUZZ) FuzzMarkdownTime ./builder
	@$(FUZZ) FuzzSameAsGoldmark ./internal/inline
	@$(FUZZ) FuzzTokenize ./search
	@$(FUZZ) FuzzBrand ./internal/brand
	@$(FUZZ) FuzzBody ./internal/importer/zola
	@$(FUZZ) FuzzDirectives ./internal/directive
	@$(FUZZ) FuzzConvert ./internal/importer/dialect

build:
	$(GO) build -o deskbook ./cmd/deskbook

serve:
	$(GO) run ./cmd/deskbook serve
