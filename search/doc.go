// Package search will build deskbook's client-side search index: a
// tokenizer shared in spirit with the browser client, stemmers for English,
// Russian and Ukrainian, term-range shards with precomputed BM25 impacts,
// and a global exact-code table (DESIGN.md §4, issue 4). It takes plain
// documents in and returns files out, and never imports builder.
package search
