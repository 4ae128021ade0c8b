// Package search builds deskbook's client-side search index and embeds
// the browser client that reads it. It takes plain documents in and
// returns files out, and never imports builder.
//
// # Using it
//
//	idx, err := search.Build(docs) // deterministic: same docs, any order → same bytes
//	for _, f := range idx.Files { write(f.Path, f.Data) } // under the site root
//	asset := search.Client()        // write as assets/search.<hash>.js
//	search.BootFiles(langs)[lang]   // load in every page of lang, after the client
//
// Every page of a language loads the client and then that language's
// bootstrap script, both deferred:
//
//	<script src="…/assets/search.<hash>.js" defer></script>
//	<script src="…/search/<l>/boot.js" defer></script>
//
// The bootstrap's name is stable, so pages do not change when the index
// does. A page of a language with no entry in Boot (no articles) should
// omit it; the client then does nothing and the form just submits.
//
// # Files
//
// Everything lives under "search/" at the site root, every name but the
// bootstrap's carrying the first 8 base32 characters of the SHA-256 of the
// file. Each file is a
// script, deskbookSearch.add("<key>", <JSON>), that the client loads with
// a <script> element: it works over HTTP and from file:// alike.
//
//	search/<l>/t-<h>.js   term shard i (key "<l>/t<i>"): {"t":[terms],"p":[postings]}
//	search/<l>/m-<h>.js   meta (key "<l>/m"): {"g":[hash of result group 0, 1, …]}
//	search/<l>/e-<h>.js   message table (key "<l>/e"), when an article has
//	                      one: {"m":[message shape, …],"d":[articles, …]}, the
//	                      articles of a shape as varint differences (below)
//	search/<l>/r-<h>.js   result group g (key "<l>/r<g>"): [[url, title, category,
//	                      kind, summary, [[anchor, heading, text], …]], …] for the
//	                      articles g*groupSize … (texts NFKC, clipped at a space)
//	search/<l>/boot.js    the bootstrap (key "boot"), see below
//	search/c-<h>.js       exact-code shard k (key "c<k>"): {"<key>": [[l, doc,
//	                      strength, group hash(, full error text)], …]}
//
// <l> is the language code made path-safe. Articles of a language are
// numbered in (URL) order. Terms are sorted in UTF-16 order (as JavaScript
// compares strings) and cut into shards of about 10 KB (4–6 KB gzipped;
// larger when a language would otherwise need more than 256 shards). A
// postings string holds, per article, the article-number delta, the impact
// and 4 × the best section + the lead flags, in digits of "0-9A-Za-z-_"
// (varints: 5 bits per digit, 32–63 continue); the impact is BM25F (k1 2)
// with field weights (title 6, errors 8, headings and the category 3,
// summary and tags 2, body 1) quantised to 0–63, value 1.1^q, and times
// 0.3 for a release note (kind changelog: it names every feature of the
// product, yet is seldom the answer). The best section (0: none, i:
// Sections[i-1]) is where the term weighs most; the client sums these per
// result to pick the heading it links to. The lead flags say the term is
// in the title (1) and in the summary, tags or error texts (2).
// A term keeps its 1000 highest-impact postings. The code table is shared
// by all languages and split by FNV-1a of the key's first word (the
// client looks up every run of one to three words of a query, and the
// runs that start at one word share a shard): keys are code tokens
// (0x80070005 and 80070005, err_connection_refused, e0382, http 403,
// tb-sync-409, system.io.ioexception) and error texts from Doc.Errors
// (their first three words, with the whole text to check); strength is 3
// for Doc.Errors, 2 for the title, 1 elsewhere. A code-like word met only
// in the body or headings (some_func, std.fmt.Display) is left to the term
// index unless it has digits (E0499, 0x80070005): on the corpus site of
// bench/search this cut the table from 65 KB to 35 KB. Code shards are
// about 12 KB (3–4 KB gzipped); a table of at most two is loaded whole
// with the first keystroke, a larger one is read shard by shard with the
// query's term shards, in the same round trip. Sharding by first word halved the code-table
// bytes of a pasted message at 10,000 articles (bench/compare). A key
// that begins with a plain word (letters only) is looked up only when the
// bootstrap's filter "w" has that word, so a question in words loads no
// code shard.
//
// The message table holds, per language, the shapes of the articles'
// error texts (Doc.Errors) and of the error messages they quote: a line of
// output or a code comment that begins with "error:", "fatal error:",
// "error[…]:" or "error,", or with "Помилка:" or "Ошибка:" (quotedErrors). A shape is the message's words
// in normal form without what a program fills in: `code`, "quoted",
// “quoted” and «quoted» spans and numbers ("cannot find value `count` in
// this scope" → "cannot find value in this scope"). Each shape is kept
// once, with the articles that have it; every article keeps its first
// messages before any keeps more, up to 4,000 shapes a language. The
// client loads the table with the term shards when the query, or a line
// of it, has three words of shape or more and looks pasted (a quote, a
// colon, brackets, a path, a number, several lines, or five words or
// more: the client's PASTED), and compares each of those
// shapes with every message: twice the longest common subsequence of
// words over both lengths, and at least 0.8 when the whole message, of
// four words or more, is in the query in order and is half of it or more
// (a pasted log line: a time, a path, then the message). An article with
// a message at 0.8 or more comes right after the exact-code pins, by that
// similarity and then by score.
// A customer pastes the message with their own names in it; an article
// quotes it with the example's. On bench/search's site the English table
// is 10 KB (3.6 KB gzipped), and it lifted pasted rustc messages from
// 0.58 to 0.68 success@1.
//
// # Measured
//
// bench/search (run.sh) builds a site from ../shared/corpora (the Organic
// Maps help centre in en/uk/ru and the rustc error-code explanations, 798
// articles), indexes the same HTML with Pagefind and compares both in
// Chromium: first-query bytes and round trips, index build time and size,
// and success@1 and MRR on search/testdata/relevance.txt, whose floors
// its TestRelevance checks. bench/README.md has the method and numbers.
//
// # Bootstrap
//
// Boot[lang] is JSON, written as search/<l>/boot.js: v (1), lang, l (path
// name), stem ("en", "ru", "uk" or ""), t ([first key of shard 0 (""),
// its hash, first key of shard 1, …]), m (meta hash), e (message table
// hash, "" for none), c (code shard
// hashes), g (group size), n (the language's article count, for idf),
// s (the query's function words, space-separated: the language's and
// English ones), w (a Bloom filter of the plain words that begin
// code-table keys: 64·2^k bits, 6 to a digit, bits fnv1a(word) and
// fnv1a(word+"#") mod the size; "" for none) and i18n, the interface strings: en, uk and ru
// from UIStrings, English for other languages ("results" has plural forms
// by Intl.PluralRules category). It grows with the shard count: about
// 0.8 KB for 100 articles in a language, 2.4 KB for 1,000, 5 KB for 3,300.
//
// # Words, stems and codes
//
// Tokenize and Normalize define the terms: NFKC, lower case, accents
// U+0300–U+036F dropped, ё→е, ґ→г, apostrophes unified; compounds such as
// 0x80070005, ERR_A_B, TB-SYNC-409, System.IO.IOException are kept whole
// and split; "HTTP 403" pairs are codes. Stem applies Snowball English to
// Latin words (in en, uk and ru), Snowball Russian to Russian words on ru
// pages (github.com/kljensen/snowball), and stemUk, a Ukrainian stemmer
// after the published ukr_stemmer, to Cyrillic words on uk pages; other
// languages are not stemmed. The client carries JavaScript ports of the
// tokenizer and of all three stemmers (the Ukrainian rules are one file,
// client/stem-uk.json, read by both), and TestStemAgreement runs the real
// client in Chromium on 40,000 (word, stemmer) pairs and on sample texts,
// requiring identical output.
//
// # The client
//
// search.js (13.3 KB gzipped, 3 KB of it stemmers) looks for
// form.search (its input[name=q], data-root), #search-status,
// #search-results, and waits for the bootstrap. With the first keystroke it loads the meta file and,
// when there are at most two, the code shards. A query is tokenised and
// stemmed as the index was; function words (the bootstrap's s: "how do
// I", "як мені", "на карте нет моего") are dropped unless nothing else is
// left. Each word may have other spellings, searched with it: in the
// wrong keyboard layout (en ↔ uk/ru, gjvbkrf → помилка), and on uk and ru
// pages typed in Latin letters (zavantazhyty → завантажити: a guess of
// the Cyrillic, stemmed, matched on a skeleton that forgets what Latin
// spellings cannot tell apart: и і ї й ы, е є э, г ґ х, щ ш, ь). Each
// form's shard, the shards for the prefix of the last word (search as you
// type) and for typo candidates (around its first letter and the first
// letters the other language spells it with, експорт/экспорт), and the
// code shards of its keys load in parallel (one round trip), then the
// result groups of the shown results (the second). Matching: exact stem;
// the same stem in the other language's letters (метки, мітки); terms one
// or two letters longer or shorter than the stem; prefix for the last
// word while it is typed; if none, typos (edit distance with
// transpositions 1 from 4 letters, 2 from 8, never for words with
// digits). A variant counts at most as much as the word itself is rare
// (its idf is capped at the exact term's). A result's score is the sum of
// the best impact per query word, times the share of the query's words it
// has (a soft AND; a word no article has does not count), times 1 + 2 ×
// the share in its title + the share in its summary; quoted words are
// required. Exact code hits are pinned first and
// labelled (this language first; another language's article is marked
// lang=… and class search-other-lang); a code-like query with no exact
// hit says "No exact match for …" before the near matches. A pasted log
// is cut to its 12 most specific words (codes first, then the longest).
//
// Rendering: each result is
//
//	<li class="search-result [search-pinned] [search-kind-<kind>] [search-other-lang]" id="search-r<i>">
//	  <a class="search-link" href="<root><url>[#anchor]">
//	    <span class="search-title">…<mark>…</mark>…</span>
//	    <span class="search-heading">best heading</span></a>
//	  <span class="search-exact">Exact match</span>
//	  <span class="search-category">category</span>
//	  <p class="search-excerpt">… text with <mark>terms</mark> …</p></li>
//
// built with DOM nodes only (no innerHTML). Ten results are shown, then
// <li class="search-more"><button> shows ten more. #search-status gets
// "N results", "No results" or "Searching…" (role=status announces it);
// #search-results gets data-query, the query it shows. Keys: ArrowDown
// from the input moves to the first result, ArrowDown/ArrowUp through the
// results and back to the input, Enter on a result follows it, Enter in the
// input opens the first result (or submits the form when there is none),
// Escape clears. A page opened with ?q=… fills the box and searches. Over
// file:// links to "…/" get "index.html" and the form goes to
// <action>index.html?q=….
//
// # The widget
//
// Widget makes widget.js and widget.html for the site root (README.md,
// "Deflection widget"). widget.js (client/widget.js) defines the
// <deskbook-search for="field"> element for product pages on any origin;
// on the field's first focus it opens widget.html?lang=<lang> hidden, one
// frame per language. widget.html loads the client and then frame.js
// (inline), which picks the language (exact code, else the same primary
// subtag, else the default), loads its bootstrap, and answers messages
// {deskbook: "search", id, q, max} from its parent with {deskbook:
// "results", id, q, lang, n, status, results, words}, posted to the
// asker's origin. In a document with no form.search whose <html> has
// data-deskbook-frame, the client sets deskbookSearch.query(q, max)
// instead of listening to a form: the first max results of this language
// (another language's exact-code hits only when this one has none), each
// {href (absolute), title, tm, text, sm, pre, post, lang}, where tm and sm
// are the marked ranges of the title and of the snippet text (at most 140
// characters; pre and post say it was cut). The element checks that an
// answer comes from its frame (event.source) and the help site's origin,
// drops answers to all but the latest question, and builds its list in a
// shadow root with DOM nodes only. Why a frame and not the index fetched
// or loaded into the product page: see Widget.
package search
