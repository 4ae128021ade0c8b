// deskbook search client: no framework, no WASM. Waits for the bootstrap
// (search/<l>/boot.js, loaded after this script), loads index files as
// <script> tags (works over http and file://), ranks with precomputed BM25F impacts. The tokenizer
// and stemmers mirror search/tokenize.go and search/stem.go exactly; the
// Go tests run both on word lists.
(function () {
"use strict";
function dict() { return Object.create(null); }
function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
var UK = /*UK_RULES*/null;
var W = 0, NUM = 1, CODE = 2;
var reWord = /[\p{L}\p{N}\p{M}_]/u, reDigit = /\p{Nd}/u, reUpper = /\p{Lu}/u, reSpace = /\s/;

// ---- normalisation (Normalize, mapRune, fold in tokenize.go)
// nfkc is NFKC without the combining accents U+0300–U+036F, composed again
// once they are gone (Go: nfkc, unmarked).
function nfkc(s) { s = s.normalize("NFKC"); return /[\u0300-\u036f]/.test(s) ? s.replace(/[\u0300-\u036f]/g, "").normalize("NFKC") : s; }
function mapCh(c) {
var n = c.codePointAt(0);
if (n >= 0x300 && n <= 0x36f) return null;
if (c === "'" || c === "\u2019" || c === "\u2018" || c === "\u02bc" || c === "`") return "'";
if (c === "\u2010" || c === "\u2011") return "-";
return c;
}
function fold(c) {
var l = c.toLowerCase();
if (l.length > 1) l = String.fromCodePoint(l.codePointAt(0));
return l === "ё" ? "е" : l === "ґ" ? "г" : l === "ς" ? "σ" : l;
}
function foldAll(a) { var s = ""; for (var i = 0; i < a.length; i++) s += fold(a[i]); return s; }
function isDigit(c) { return reDigit.test(c); }
function isConn(c) { return c === "." || c === "-" || c === "_"; }
function trimUnder(a) { var i = 0, j = a.length; while (i < j && a[i] === "_") i++; while (j > i && a[j - 1] === "_") j--; return a.slice(i, j); }

// ---- tokenizer (tokenize in tokenize.go). emit(text, kind, key, start, end, whole)
function tokenize(str, query, emit) {
str = nfkc(str);
var comp = [], cs = 0, ce = 0, conn = "", pair = "", ps = 0, gap = -1;
function sep(c) {
if (gap < 0) return;
if (c === " " || (query && reSpace.test(c))) { if (gap === 0 || query) { gap++; return; } }
gap = -1;
}
function part(p, s, e) {
if (p.length > 40) return;
var d = 0, i;
for (i = 0; i < p.length; i++) if (isDigit(p[i])) d++;
var t = foldAll(p);
if (!d) return emit(t, W, false, s, e);
if (d === p.length) return emit(t, NUM, query && d >= 3, s, e);
if (/^0x[0-9a-f]{4,}$/.test(t)) {
emit(t, CODE, true, s, e);
return emit(t.slice(2), /^\d+$/.test(t.slice(2)) ? NUM : CODE, true, s, e);
}
emit(t, CODE, query || (p.length >= 4 && d >= 2), s, e);
var st = 0;
for (i = 1; i <= p.length; i++) {
if (i < p.length && isDigit(p[i]) === isDigit(p[st])) continue;
if (i - st >= 3) emit(foldAll(p.slice(st, i)), isDigit(p[st]) ? NUM : W, false, s, e);
st = i;
}
}
function flush() {
var c = comp, pp = pair, gapOK = gap > 0, s0 = cs;
comp = []; pair = ""; gap = 0;
if (c.length > 64) { gap = -1; return; }
var hasD = false, hasO = false, hasU = false, up = false, np = 0, inP = false, i;
for (i = 0; i < c.length; i++) {
var ch = c[i];
if (isConn(ch)) { if (ch === "_") hasU = true; inP = false; continue; }
if (isDigit(ch)) hasD = true; else { hasO = true; if (i > 0 && reUpper.test(ch)) up = true; }
if (!inP) { np++; inP = true; }
}
if (!np) return;
if (np >= 2 && (query || hasD || hasU || up)) emit(foldAll(trimUnder(c)), CODE, true, s0, ce, 1);
// parts, with offsets: walk the compound's characters
var off = s0, st = -1, so = 0;
for (i = 0; i <= c.length; i++) {
if (i < c.length && !isConn(c[i])) { if (st < 0) { st = i; so = off; } off += c[i].length; continue; }
if (st >= 0) { part(c.slice(st, i), so, off); st = -1; }
if (i < c.length) off += c[i].length;
}
if (np === 1 && !hasO && c.length >= 3 && c.length <= 5 && pp && gapOK) emit(pp + " " + c.join(""), CODE, true, ps, ce, 1);
if (np === 1 && hasO && !hasD && !hasU && c.length >= 2 && c.length <= 8 && c.indexOf("'") < 0) {
var ok = true;
if (!query) for (i = 0; i < c.length; i++) if (!reUpper.test(c[i])) { ok = false; break; }
if (ok) { pair = foldAll(c); ps = s0; }
}
}
for (var i = 0; i < str.length;) {
var c = String.fromCodePoint(str.codePointAt(i)), at = i;
i += c.length;
c = mapCh(c);
if (c === null) continue;
if (reWord.test(c)) {
if (conn) { comp.push(conn); conn = ""; }
if (!comp.length) cs = at;
comp.push(c); ce = i;
continue;
}
if ((c === "." || c === "-" || c === "'") && comp.length && !conn) { conn = c; continue; }
if (comp.length) flush();
if (conn) { conn = ""; gap = -1; }
sep(c);
}
if (comp.length) flush();
}
// compounds in tokenize.go: folded surface units of the exact-code table.
function compounds(str) {
var out = [];
str = nfkc(str);
var cur = [], conn = "";
function fl() {
if (cur.length && cur.length <= 64) { var t = trimUnder(cur); if (t.join("").replace(/^[.\-_']+|[.\-_']+$/g, "")) out.push(foldAll(t)); }
cur = [];
}
for (var i = 0; i < str.length;) {
var c = String.fromCodePoint(str.codePointAt(i));
i += c.length;
c = mapCh(c);
if (c === null) continue;
if (reWord.test(c)) { if (conn) { cur.push(conn); conn = ""; } cur.push(c); continue; }
if ((c === "." || c === "-" || c === "'") && cur.length && !conn) { conn = c; continue; }
conn = ""; fl();
}
fl();
return out;
}

// ---- stemmers (stem.go): Snowball English and Russian as in
// github.com/kljensen/snowball, the Ukrainian rules from stem-uk.json.
function script(w) {
var la = true, cy = true, uk = true;
for (var i = 0; i < w.length; i++) {
var c = w[i];
if (c >= "a" && c <= "z") cy = uk = false;
else if (c === "'") cy = false;
else if (c >= "а" && c <= "я") la = false;
else if (c === "і" || c === "ї" || c === "є") la = cy = false;
else return 0;
}
return la ? 1 : cy ? 2 : uk ? 3 : 0;
}
function stem(s, w) {
if (!s || !w) return w;
var k = script(w);
if (k === 1) return stemEn(w);
if (k === 2) return s === "ru" ? stemRu(w) : s === "uk" ? stemUk(w) : w;
if (k === 3 && s === "uk") return stemUk(w);
return w;
}
function firstEnd(w, list) { for (var i = 0; i < list.length; i++) if (w.slice(-list[i].length) === list[i] && w.length >= list[i].length) return list[i]; return ""; }
function vnv(w, V, from) { for (var j = from + 1; j < w.length; j++) if (V.indexOf(w[j - 1]) >= 0 && V.indexOf(w[j]) < 0) return j + 1; return w.length; }

var EN_V = "aeiouy", EN_X = dict();
"skis ski,skies sky,dying die,lying lie,tying tie,idly idl,gently gentl,ugly ugli,early earli,only onli,singly singl,sky sky,news news,howe howe,atlas atlas,cosmos cosmos,bias bias,andes andes,inning inning,innings inning,outing outing,outings outing,canning canning,cannings canning,herring herring,herrings herring,earring earring,earrings earring,proceed proceed,proceeds proceed,proceeded proceed,proceeding proceed,exceed exceed,exceeds exceed,exceeded exceed,exceeding exceed,succeed succeed,succeeds succeed,succeeded succeed,succeeding succeed".split(",").forEach(function (p) { p = p.split(" "); EN_X[p[0]] = p[1]; });
var EN2 = "ational ate,fulness ful,iveness ive,ization ize,ousness ous,biliti ble,lessli less,tional tion,alism al,aliti al,ation ate,entli ent,fulli ful,iviti ive,ousli ous,anci ance,abli able,alli al,ator ate,enci ence,izer ize,bli ble,ogi og,li ".split(",").map(function (p) { return p.split(" "); });
var EN3 = "ational ate,tional tion,alize al,icate ic,ative ,iciti ic,ical ic,ful ,ness ".split(",").map(function (p) { return p.split(" "); });
var EN4 = "ement ance ence able ible ment ent ant ism ate iti ous ive ize ion al er ic".split(" ");
function stemEn(word) {
if (word.length <= 2) return word;
if (EN_X[word]) return EN_X[word];
var w = word.replace(/[\u2019\u2018\u201b]/g, "'").replace(/^'+/, ""), i, r1, r2, s;
function V(c) { return EN_V.indexOf(c) >= 0; }
function clip() { if (r1 > w.length) r1 = w.length; if (r2 > w.length) r2 = w.length; }
function cut(n, add) { w = w.slice(0, w.length - n) + (add || ""); clip(); }
function shortSyl(i) {
if (i === 2) return V(w[0]) && !V(w[1]);
if (i >= 3) { var a = w[i - 1], b = w[i - 2], c = w[i - 3]; return !V(a) && "wxY".indexOf(a) < 0 && V(b) && !V(c); }
return false;
}
var a = w.split("");
for (i = 0; i < a.length; i++) if (a[i] === "y" && (i === 0 || V(a[i - 1]))) a[i] = "Y";
w = a.join("");
var pre = ["gener", "commun", "arsen"].filter(function (p) { return w.slice(0, p.length) === p; })[0];
r1 = pre ? pre.length : vnv(w, EN_V, 0);
r2 = vnv(w, EN_V, r1);
// step 0
s = firstEnd(w, ["'s'", "'s", "'"]);
if (s) cut(s.length);
// step 1a
s = firstEnd(w, ["sses", "ied", "ies", "us", "ss", "s"]);
if (s === "sses") cut(4, "ss");
else if (s === "ied" || s === "ies") cut(3, w.length > 4 ? "i" : "ie");
else if (s === "s") { for (i = 0; i < w.length - 2; i++) if (V(w[i])) { cut(1); break; } }
// step 1b
s = firstEnd(w, ["eedly", "ingly", "edly", "ing", "eed", "ed"]);
if (s === "eed" || s === "eedly") { if (s.length <= w.length - r1) cut(s.length, "ee"); }
else if (s) {
var hv = false;
for (i = 0; i < w.length - s.length; i++) if (V(w[i])) { hv = true; break; }
if (hv) {
var o1 = r1, o2 = r2;
cut(s.length);
var ns = firstEnd(w, ["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
if (!ns) { if (r1 >= w.length && shortSyl(w.length)) { w += "e"; r1 = r2 = w.length; o1 = -1; } }
else if (ns.length === 2 && ns[0] !== ns[1]) w += "e";
else cut(1);
if (o1 >= 0) { r1 = Math.min(o1, w.length); r2 = Math.min(o2, w.length); }
}
}
// step 1c
if (w.length > 2 && (w[w.length - 1] === "y" || w[w.length - 1] === "Y") && !V(w[w.length - 2])) w = w.slice(0, -1) + "i";
// step 2
var p = EN2.filter(function (x) { return w.slice(-x[0].length) === x[0]; })[0];
if (p && p[0].length <= w.length - r1) {
if (p[0] === "li") { if (w.length >= 3 && "cdeghkmnrt".indexOf(w[w.length - 3]) >= 0) cut(2); }
else if (p[0] === "ogi") { if (w.length >= 4 && w[w.length - 4] === "l") cut(3, "og"); }
else cut(p[0].length, p[1]);
}
// step 3
p = EN3.filter(function (x) { return w.slice(-x[0].length) === x[0]; })[0];
if (p && p[0].length <= w.length - r1) {
if (p[0] === "ative") { if (w.length - r2 >= 5) cut(5); }
else cut(p[0].length, p[1]);
}
// step 4
s = firstEnd(w, EN4);
if (s && s.length <= w.length - r2) {
if (s !== "ion" || (w.length >= 4 && "st".indexOf(w[w.length - 4]) >= 0)) cut(s.length);
}
// step 5
var l = w.length - 1;
if (r1 <= l) {
if (w[l] === "e") { if (r2 <= l || !shortSyl(l)) cut(1); }
else if (r2 <= l && w[l] === "l" && l >= 1 && w[l - 1] === "l") cut(1);
}
return w.replace(/Y/g, "y");
}

var RU_V = "аеиоуыэюя";
function stemRu(word) {
if (word.length <= 2) return word;
var w = word, rv = w.length, i, s;
for (i = 0; i < w.length; i++) if (RU_V.indexOf(w[i]) >= 0) { rv = i + 1; break; }
var r2 = vnv(w, RU_V, vnv(w, RU_V, 0));
function inRV(list, from) { for (var i = 0; i < list.length; i++) if (w.length - list[i].length >= from && w.slice(-list[i].length) === list[i]) return list[i]; return ""; }
function rm(n) { w = w.slice(0, w.length - n); if (rv > w.length) rv = w.length; if (r2 > w.length) r2 = w.length; }
function ar(n) { var j = w.length - n - 1; return j >= rv && (w[j] === "а" || w[j] === "я"); }
function grp(list, g1) { var s = inRV(list, rv); if (s && g1.indexOf(" " + s + " ") >= 0 && !ar(s.length)) s = ""; if (s) rm(s.length); return s; }
function L(x) { return x.split(" "); }
var done = grp(L("ившись ывшись вшись ивши ывши вши ив ыв в"), " в вши вшись ");
if (!done) {
s = inRV(["ся", "сь"], rv); if (s) rm(2);
s = inRV(L("ими ыми его ого ему ому ее ие ые ое ей ий ый ой ем им ым ом их ых ую юю ая яя ою ею"), rv);
if (s) { rm(s.length); grp(L("ивш ывш ующ ем нн вш ющ щ"), " ем нн вш ющ щ "); }
else if (!grp(L("уйте ейте ыть ыло ыли ыла уют ует нно йте ишь ить ите ило или ила ешь ете ены ено ена ят ют ыт ым ыл ую уй ть ны но на ло ли ла ит им ил ет ен ем ей ю н л й"), " ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно ")) {
s = inRV(L("иями ями иях иям ием ией ами ях ям ья ью ье ом ой ов ия ию ий ии ие ем ей еи ев ах ам я ю ь ы у о й и е а"), rv);
if (s) rm(s.length);
}
}
if (inRV(["и"], rv)) rm(1);
s = inRV(["ост", "ость"], r2); if (s) rm(s.length);
if (w.slice(-2) === "нн") rm(1);
else if ((s = firstEnd(w, ["ейше", "ейш"]))) { rm(s.length); if (w.slice(-2) === "нн") rm(1); }
else if (w[w.length - 1] === "ь") rm(1);
return w;
}

function byLen(l) { return l.slice().sort(function (a, b) { return b.length - a.length; }); }
var UKR = { refl: byLen(UK.refl), fut: byLen(UK.fut), act: byLen(UK.act), deriv: byLen(UK.deriv), verb: byLen(UK.verb), end: dict(), adj2: dict(), max: 0 };
UK.end.forEach(function (e) { UKR.end[e] = 1; UKR.max = Math.max(UKR.max, e.length); });
UK.adj2.forEach(function (e) { UKR.adj2[e] = 1; });
function stemUk(word) {
var w = word.replace(/'/g, ""), V = UK.vowels, i;
if (w.length < 3) return w;
if (w[0] === UK.lead[0] && V.indexOf(w[1]) < 0) w = UK.lead[1] + w.slice(1);
var rv = w.length;
for (i = 0; i < w.length; i++) if (V.indexOf(w[i]) >= 0) { rv = i + 1; break; }
var r2 = vnv(w, V, vnv(w, V, 0));
function ends(s, from) { var n = s.length; return n <= w.length && w.length - n >= from && w.length - n >= 2 && w.slice(-n) === s ? n : 0; }
function cut(list, from) { for (var i = 0; i < list.length; i++) { var n = ends(list[i], from); if (n) { w = w.slice(0, -n); return list[i]; } } return ""; }
cut(UKR.refl, rv);
if (w.length > 4) { var save = w; if (cut(UKR.fut, rv) && !ends("ти", rv)) w = save; }
var e = "";
for (var n = Math.min(UKR.max, w.length - 2); n >= 1; n--) {
if (w.length - n < rv) continue;
if (UKR.end[w.slice(-n)]) { e = w.slice(-n); w = w.slice(0, -n); break; }
}
if (UKR.adj2[e]) cut(UKR.act, rv);
cut(UKR.deriv, r2);
if (w.length > 2 && w[w.length - 1] === "ь") w = w.slice(0, -1);
n = w.length;
if (n > 3 && w[n - 1] === w[n - 2] && UK.dbl.indexOf(w[n - 1]) >= 0) w = w.slice(0, -1);
cut(UKR.verb, rv);
n = w.length;
if (n >= 5 && (w[n - 2] === "о" || w[n - 2] === "е") && UK.flee.indexOf(w[n - 1]) >= 0 && V.indexOf(w[n - 3]) < 0) w = w.slice(0, n - 2) + w[n - 1];
return w;
}

// ---- index files
var store = {}, waits = {}, root = "";
var api = window.deskbookSearch = {
add: function (k, d) { store[k] = d; var f = waits[k]; delete waits[k]; if (f) f.forEach(function (g) { g(d); }); },
_: { codeShardOf: codeShardOf, codeWord: function (k) { return codeWord(k); }, tokenize: function (s, q) { var o = []; tokenize(s, q, function (t, k, key, a, b) { o.push([t, k, !!key, a, b]); }); return o; }, stem: stem, compounds: compounds, norm: norm, shape: shape, msgSim: msgSim }
};
function norm(s) { var o = ""; for (var c of nfkc(s)) { c = mapCh(c); if (c !== null) o += fold(c); } return o; }
// shape is a message's words without the names a program fills in (Go:
// messageShape; SPANS is its spans).
var SPANS = /`[^`\n]*`|"[^"\n]*"|“[^”\n]*”|«[^»\n]*»/g;
function shape(s) { return norm(s.replace(SPANS, " ")).match(/\p{L}+/gu) || []; }
// msgSim compares a query's shape q with a message's m: twice their
// longest common subsequence of words over their lengths (1 for the same
// words in the same order), or 0.8 at least when the whole message of
// four words or more is in the query, in order, and is half of it or more
// (a pasted line with a path or a time before the message).
function msgSim(q, m) {
var prev = new Array(m.length + 1).fill(0), cur;
for (var i = 0; i < q.length; i++) {
cur = [0];
for (var j = 0; j < m.length; j++) cur.push(q[i] === m[j] ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]));
prev = cur;
}
var k = prev[m.length], sim = q.length + m.length ? 2 * k / (q.length + m.length) : 0;
return k === m.length && k >= 4 && 2 * k >= q.length ? Math.max(sim, MSG_MIN) : sim;
}
function load(key, path) {
if (key in store) return Promise.resolve(store[key]);
return new Promise(function (res) {
if (waits[key]) return waits[key].push(res);
waits[key] = [res];
var s = document.createElement("script");
s.src = root + path;
s.onload = s.onerror = function () { var f = waits[key]; delete waits[key]; if (f) f.forEach(function (g) { g(store[key] || null); }); s.remove(); };
document.head.appendChild(s);
});
}

var form = document.querySelector("form.search");
var input = form && (form.querySelector("input[name=q]") || form.querySelector("input"));
// widget.html, the widget's frame, has no form: it asks through api.query.
if (!input && !document.documentElement.hasAttribute("data-deskbook-frame")) return;
root = form && form.getAttribute("data-root") || "";
var list = document.getElementById("search-results"), status = document.getElementById("search-status");
// STOP: the language's function words (the bootstrap's "s").
var STOP = dict(), B, T, D, G, N, keys = [], shardH = [], plural;
// The bootstrap is search/<l>/boot.js, a script the page loads right after
// this one (stable name: pages do not change when the index does).
waits.boot = [function (b) {
B = b;
if (!B || !B.t) return;
T = B.i18n || {}; D = "search/" + B.l + "/"; G = B.g || 8; N = B.n || 1000;
(B.s || "").split(" ").forEach(function (w) { STOP[w] = 1; });
for (var q0 = 0; q0 < B.t.length; q0 += 2) { keys.push(B.t[q0]); shardH.push(B.t[q0 + 1]); }
plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(B.lang) : null;
if (input) listen(); else { api.query = query; meta(); }
}];
function fmt(s, n, q) { return String(s || "").replace("{n}", n).replace("{q}", q); }
function shardOf(t) { var lo = 0, hi = keys.length - 1; while (lo < hi) { var m = (lo + hi + 1) >> 1; if (keys[m] <= t) lo = m; else hi = m - 1; } return lo; }
function shard(i) { return load(B.l + "/t" + i, D + "t-" + shardH[i] + ".js"); }
function meta() { return load(B.l + "/m", D + "m-" + B.m + ".js"); }
function fnv(s) { var h = 2166136261; for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0; return h; }
// The code table is sharded by a key's first word (Go: codeShardOf).
function codeShardOf(k, n) { return fnv(k.split(" ")[0]) % n; }
function codeShard(k) { var i = codeShardOf(k, B.c.length); return load("c" + i, "search/c-" + B.c[i] + ".js"); }
var DIG = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", DV = {};
for (var d0 = 0; d0 < 64; d0++) DV[DIG[d0]] = d0;
var pcache = {};
function posts(si, ti) {
var ck = si + ":" + ti;
if (pcache[ck]) return pcache[ck];
var s = store[B.l + "/t" + si].p[ti], out = [], at = { i: 0 }, doc = -1;
while (at.i < s.length) { var dl = varint(s, at), q = DV[s[at.i++]], sec = varint(s, at); doc = doc < 0 ? dl : doc + dl; out.push([doc, Math.pow(1.1, q), sec >> 2, sec & 3]); }
return (pcache[ck] = out);
}
// varint reads one number of an index string at at.i (5 bits a digit,
// lowest first; digits 32–63 continue: Go's appendVarint).
function varint(s, at) { var v = 0, sh = 0; while (at.i < s.length) { var d = DV[s[at.i++]]; if (d < 32) return v + d * Math.pow(2, sh); v += (d - 32) * Math.pow(2, sh); sh += 5; } return v; }
function find(sh, t) { var a = sh.t, lo = 0, hi = a.length - 1; while (lo <= hi) { var m = (lo + hi) >> 1; if (a[m] === t) return m; if (a[m] < t) lo = m + 1; else hi = m - 1; } return -1; }
function osa(a, b, k) {
if (Math.abs(a.length - b.length) > k) return k + 1;
var p2 = [], p = [], c = [], i, j;
for (j = 0; j <= b.length; j++) p[j] = j;
for (i = 1; i <= a.length; i++) {
c = [i]; var mn = i;
for (j = 1; j <= b.length; j++) {
var x = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) x = Math.min(x, p2[j - 2] + 1);
c[j] = x; if (x < mn) mn = x;
}
if (mn > k) return k + 1;
p2 = p; p = c;
}
return p[b.length];
}

// ---- other spellings of a query word: the wrong keyboard layout (en ↔
// ru/uk), and Ukrainian or Russian typed in Latin letters
var EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`", RU = "йцукенгшщзхъфывапролджэячсмитьбюё", UKL = "йцукенгшщзхїфівапролджєячсмитьбю'";
var SH = { "{": "[", "}": "]", ":": ";", "\"": "'", "<": ",", ">": ".", "~": "`" };
function layout(w) {
var to = B.stem === "ru" ? RU : B.stem === "uk" ? UKL : "", l = w.toLowerCase(), r = "", i, k;
if (to && /^[a-z\[\]{};:'",.<>`~]{2,}$/.test(l) && /[a-z]/.test(l)) {
for (i = 0; i < l.length; i++) { k = EN.indexOf(SH[l[i]] || l[i]); r += k < 0 ? l[i] : to[k]; }
} else if (B.stem === "en" && /^[а-яёіїєґ']{2,}$/.test(l)) {
for (i = 0; i < l.length; i++) { k = RU.indexOf(l[i]); if (k < 0) k = UKL.indexOf(l[i]); r += k < 0 ? l[i] : EN[k]; }
}
return r;
}
// translit guesses the Cyrillic of a word typed in Latin letters (the
// common informal spellings: zh, kh, ch, sh, shch, ts, ya/ja/ia, yu/ju/iu,
// ye/je, yi); skel then forgets what such spellings cannot tell apart
// (и і ї й ы, е є э, г ґ х, щ ш), and a guessed word matches an index
// term with the same skeleton.
var TR = "shch щ щ,sch щ щ,tsya тся ться,tsia тся ться,zh ж ж,kh х х,ch ч ч,sh ш ш,ts ц ц,ya я я,ja я я,ia я я,yu ю ю,ju ю ю,iu ю ю,ye е є,je е є,ie е є,yi ый ий,yo е е,jo е е,a а а,b б б,c ц ц,d д д,e е е,f ф ф,g г г,h х г,i и і,j й й,k к к,l л л,m м м,n н н,o о о,p п п,q к к,r р р,s с с,t т т,u у у,v в в,w в в,x х х,y ы и,z з з,' ь '".split(",").map(function (p) { return p.split(" "); });
function translit(w) {
var l = w.toLowerCase(), r = "", i = 0, j, c = B.stem === "uk" ? 2 : 1;
if (!/^[a-z']{3,}$/.test(l) || B.stem !== "uk" && B.stem !== "ru") return "";
while (i < l.length) {
for (j = 0; l.substr(i, TR[j][0].length) !== TR[j][0]; j++);
r += TR[j][c]; i += TR[j][0].length;
}
return r;
}
// VOW: the first letters a word may have in the other language's
// spelling (експорт, экспорт; ігри, игры).
var VOW = { "е": "эє", "э": "еє", "є": "еэ", "и": "іы", "і": "иы", "ы": "иі", "ї": "иі" };
var SK = dict();
"іи,їи,йи,ыи,єе,эе,ёе,ґг,хг,щш,ь,ъ,'".split(",").forEach(function (p) { SK[p[0]] = p.slice(1); });
function skel(t) { var r = ""; for (var i = 0; i < t.length; i++) r += has(SK, t[i]) ? SK[t[i]] : t[i]; return r; }

// ---- query analysis
// units are the query's words: { term (stemmed), raw, k (kind), bonus (a
// whole compound, counted only when found), pre (typed last: prefixes
// count), req (quoted), stop (a function word), forms (the word and its
// other spellings, each { term, raw, k, pre, wt, sk (matched by skeleton) }) }.
function units(q, phraseReq) {
var us = [], seen = dict(), toks = [], n = 0;
tokenize(q, true, function (t, k, key, s, e, whole) { if (n++ < 2000) toks.push({ t: t, k: k, s: s, e: e, w: whole }); });
var qn = nfkc(q), open = !/[\s.,;:!?"»”)]$/.test(qn), alts = dict(), m, re = /\S+/g, words = qn.split(/\s+/).length;
// Other spellings only for short queries: a pasted message is typed right.
while (words <= 9 && (m = re.exec(qn))) alts[m.index] = { lay: layout(m[0]), tr: translit(m[0]), e: m.index + m[0].length };
var word = null;
toks.forEach(function (t) {
var term = t.k === W ? stem(B.stem, t.t) : t.t, a = null;
for (var at in alts) if (t.s >= +at && t.s < alts[at].e) { a = alts[at]; delete alts[at]; }
if (seen[term]) return;
var u = seen[term] = { term: term, raw: t.t, k: t.k, bonus: !!t.w, e: t.e, req: phraseReq(t.s), stop: t.k === W && !!STOP[t.t] };
u.forms = [{ term: term, raw: t.t, k: t.k, wt: 1 }];
if (a) {
if (a.lay) alt(u, a.lay, 0.95, false);
if (a.tr) alt(u, a.tr, 0.9, true);
}
us.push(u);
});
toks.length && us.forEach(function (u) { if (u.e === toks[toks.length - 1].e && open && !u.bonus) u.pre = true; u.forms.forEach(function (f) { f.pre = u.pre; }); });
var main = us.filter(function (u) { return !u.bonus; }), bonus = us.filter(function (u) { return u.bonus; }).slice(0, 4);
if (main.length > 12) {
main = main.map(function (u, i) { return [u.k !== W ? 100 : u.stop ? 0 : u.raw.length + (u.req ? 50 : 0), -i, u]; }).sort(function (a, b) { return b[0] - a[0] || b[1] - a[1]; }).slice(0, 12).map(function (x) { return x[2]; });
}
return main.concat(bonus);
}
// alt adds another spelling of a word to its unit (one word of the
// other script, stemmed as the index is).
function alt(u, w, wt, sk) {
var ws = [];
tokenize(w, true, function (t, k) { if (k === W) ws.push(t); });
if (ws.length !== 1) return;
var t = stem(B.stem, ws[0]);
if (t !== u.term) u.forms.push({ term: t, raw: ws[0], k: W, wt: wt, sk: sk });
if (STOP[ws[0]]) u.stop = true;
}
function phrases(q) {
var re = /["«“„]([^"«»“”„]+)["»”“]/g, m, r = [];
q = nfkc(q);
while ((m = re.exec(q))) r.push([m.index, m.index + m[0].length]);
return function (s) { return r.some(function (x) { return s >= x[0] && s < x[1]; }); };
}
// want adds the term shards a form of a word needs: its own, the ones
// its shorter and longer forms are in, the prefix range of the word being
// typed, and the range of its first letters where typo candidates are.
function want(u, set) {
var t = u.term, r = u.raw, firsts = [t[0]];
set[shardOf(t)] = 1;
if (u.k === W && t.length >= 6) for (var i = shardOf(t.slice(0, t.length - (t.length >= 8 ? 3 : 2))), j = Math.min(shardOf(t), i + 2); i <= j; i++) set[i] = 1;
if (u.pre) [r, t].forEach(function (p) { for (var i = shardOf(p), j = Math.min(shardOf(p + "\uffff"), i + 2); i <= j; i++) set[i] = 1; });
if (u.sk) { for (var c in SK) if (SK[c] === skel(t[0]) && c !== t[0]) firsts.push(c); }
else if (u.k === W && VOW[t[0]]) firsts = firsts.concat(VOW[t[0]].split(""));
if (u.k === W && r.length >= 4 || u.sk) firsts.forEach(function (f) {
var a = shardOf(f), b = shardOf(f + "\uffff");
if (b - a > 2) { a = shardOf(f + t.slice(1, 2)); b = Math.min(shardOf(f + t.slice(1, 2) + "\uffff"), a + 2); }
for (; a <= b; a++) set[a] = 1;
});
}
// variants are the index terms a form of a word matches: [shard, term
// index, weight, term]. The term itself; a term one or two letters longer
// or shorter that starts the same (what the stemmer left), or three
// shorter for a stem of eight letters or more (a noun made from a verb:
// обновлен- of обновлении, обнов- of обновить); any term it starts, for
// the word being typed; if none of those, typo candidates
// (edit distance 1 from 4 letters, 2 from 8). A form in another script
// (sk) compares skeletons.
function variants(u, loaded) {
var t = u.term, v = [], exact = false, i, si, key = u.sk ? skel : function (x) { return x; }, kt = key(t), kr = key(u.raw);
var cyr = !u.sk && u.k === W && t.length >= 4 && /^[а-яіїєґ]/.test(t), st = cyr && skel(t);
function each(f) { loaded.forEach(function (si) { var sh = store[B.l + "/t" + si]; if (sh) sh.t.forEach(function (x, ti) { f(si, ti, x); }); }); }
si = shardOf(t);
if (!u.sk && store[B.l + "/t" + si] && (i = find(store[B.l + "/t" + si], t)) >= 0) { v.push([si, i, 1, t]); exact = true; }
var pre = 0, fz = [];
each(function (si, ti, x) {
if (x === t && !u.sk) return;
var kx = key(x);
if (u.sk && kx === kt) { exact = true; return v.push([si, ti, 1, x]); }
// The same word in the other language's letters (метки, мітки).
if (cyr && x.length >= 4 && skel(x) === st) { exact = true; return v.push([si, ti, 0.9, x]); }
if (u.pre && ((kr.length >= 2 && kx.indexOf(kr) === 0) || (kt.length >= 2 && kx.indexOf(kt) === 0))) { if (pre++ < 40) v.push([si, ti, 0.8, x]); return; }
if (u.k !== W) return;
var dl = kx.length - kt.length;
if (kt.length >= 4 && dl > 0 && dl <= 2 && kx.indexOf(kt) === 0) return v.push([si, ti, 0.7, x]);
if (kx.length >= 4 && dl < 0 && dl >= -2 && kt.indexOf(kx) === 0) return v.push([si, ti, 0.7, x]);
if (kx.length >= 5 && dl === -3 && kt.length >= 8 && kt.indexOf(kx) === 0) return v.push([si, ti, 0.6, x]);
var k = u.raw.length >= 8 ? 2 : u.raw.length >= 4 ? 1 : 0;
if (k && !exact) { var e = Math.min(osa(kt, kx, k), osa(kr, kx, k)); if (e <= k) fz.push([si, ti, e === 1 ? 0.6 : 0.4, x, e]); }
});
if (!exact && !pre) v = v.concat(fz.sort(function (a, b) { return a[4] - b[4] || a[3].length - b[3].length; }).slice(0, 8));
return v;
}
function score(q, acc, marks) {
var us = units(q, phrases(q)), set = {}, n = 0;
// Function words weigh nothing (and load nothing) beside other words.
var content = us.some(function (u) { return !u.bonus && !u.stop; });
us = us.filter(function (u) { return !u.stop || !content || u.req; });
us.forEach(function (u) { u.forms.forEach(function (f) { want(f, set); }); });
return Promise.all(Object.keys(set).map(function (i) { return shard(+i).then(function () { return +i; }); })).then(function (loaded) {
var tot = dict(), hits = dict(), secs = dict(), req = dict(), lt = dict(), ls = dict();
us.forEach(function (u) {
var best = dict(), df = 0, w;
u.forms.forEach(function (f) {
var vs = variants(f, loaded), ref = 0, seen = dict();
// A variant (a longer form, a typo's candidate) is as rare as the word
// itself at most: a rare unrelated word one letter away must not
// outweigh the common word the customer meant. ref: the idf of the
// exact term, else of all variants together.
vs.forEach(function (v) { v.p = posts(v[0], v[1]); if (v[2] === 1) ref = Math.max(ref, idf(v.p.length)); });
if (!ref) { vs.forEach(function (v) { v.p.forEach(function (p) { if (!seen[p[0]]) { seen[p[0]] = 1; ref++; } }); }); ref = idf(ref); }
vs.forEach(function (v) {
marks[v[3]] = 1;
var x = v[2] * f.wt * Math.min(1, ref / idf(v.p.length));
v.p.forEach(function (p) { var s = p[1] * x; if (!best[p[0]]) df++; if (!best[p[0]] || best[p[0]][0] < s) best[p[0]] = [s, p[2], p[3], Math.min(1, x)]; });
});
});
// Coverage counts the query's words that some article has (function
// words are gone already): a word no article has says nothing, so it
// costs nothing. Weighing words by their rarity here measured worse: in
// a small language a rare word is often a stray form.
w = df ? 1 : 0;
if (!u.bonus) n += w;
for (var d in best) {
tot[d] = (tot[d] || 0) + best[d][0];
if (!u.bonus) { var c = w * best[d][3]; hits[d] = (hits[d] || 0) + c; if (best[d][2] & 1) lt[d] = (lt[d] || 0) + c; if (best[d][2] & 2) ls[d] = (ls[d] || 0) + c; }
if (u.req) req[d] = (req[d] || 0) + 1;
var sc = secs[d] = secs[d] || {};
sc[best[d][1]] = (sc[best[d][1]] || 0) + best[d][0];
}
});
var nreq = us.filter(function (u) { return u.req; }).length;
for (var d in tot) {
if ((req[d] || 0) < nreq) continue;
// Impacts summed, times the share of the query's words the article has
// (a soft AND), times 1 + 2 × the share in its title + the share in its
// summary: BM25 saturates, so a title that says what was asked must
// count apart (measured on bench/search: title 2, summary 1).
var s = tot[d] * (hits[d] || 0) / (n || 1) * (1 + (2 * (lt[d] || 0) + (ls[d] || 0)) / (n || 1));
if (s > 0 && (!acc[d] || acc[d].s < s)) acc[d] = { s: s, sec: secs[d] };
}
});
}
function idf(df) { return Math.log(1 + (N - df + 0.5) / (df + 0.5)); }
function codeKeys(q) {
var cs = compounds(q).slice(0, 300), ks = dict(), codey = [];
for (var i = 0; i < cs.length; i++) {
for (var n = 1; n <= 3 && i + n <= cs.length; n++) ks[cs.slice(i, i + n).join(" ")] = 1;
var c = cs[i];
if ((/\d/.test(c) && (c.length >= 4 || /[^\d]/.test(c))) || /_/.test(c)) codey.push(c);
else if (/^\d{3,5}$/.test(c) && i && /^\p{L}+$/u.test(cs[i - 1])) codey.push(cs[i - 1] + " " + c);
}
tokenize(q, true, function (t, k, key) { if (key) ks[t] = 1; });
return { keys: Object.keys(ks).filter(codeWord), joined: " " + cs.join(" ") + " ", codey: codey };
}
// codeWord tells whether a key may be in the code table: a key that
// begins with a plain word must have that word in the bootstrap's filter
// (Go: plainWordFilter).
function codeWord(k) {
var w = k.split(" ")[0], f = B.w || "", m, ok = true;
if (!/^\p{L}+$/u.test(w)) return true;
if (!f) return false;
for (m = 64; m < f.length * 6 - 6; m *= 2);
[fnv(w), fnv(w + "#")].forEach(function (h) { var i = h % m; if (!(DV[f[Math.floor(i / 6)]] & (1 << (i % 6)))) ok = false; });
return ok;
}

// ---- search
var seq = 0, shown = 10, last = null, timer = 0;
function run() {
var q = input.value, my = ++seq;
if (!q.trim()) { clear(); return; }
var busy = setTimeout(function () { if (my === seq) status.textContent = T.searching || ""; }, 300);
compute(q).then(function (L) {
if (my !== seq) return;
last = L;
shown = 10;
return render(my).then(function () { clearTimeout(busy); });
});
}
// compute ranks the articles for q: { q, res (pinned exact codes first),
// marks (the terms to highlight), noExact (a code with no exact match) }.
function compute(q) {
// A query that looks pasted may be a program's message: the language's
// message table (the bootstrap's "e"), if it has one, loads with the
// term shards.
var ck = codeKeys(q), acc = dict(), marks = dict(), qs = B.e && PASTED.test(q) ? pasted(q) : [];
var codeP = Promise.all(ck.keys.map(codeShard));
var msgP = qs.length ? load(B.l + "/e", D + "e-" + B.e + ".js") : null;
return Promise.all([score(q, acc, marks), codeP, meta(), msgP]).then(function (got) {
var said = quoted(qs, got[3]);
var pins = {}, pinList = [];
ck.keys.forEach(function (k) {
var c = store["c" + codeShardOf(k, B.c.length)], es = c && has(c, k) && c[k];
(es || []).forEach(function (e) {
if (e[4] && ck.joined.indexOf(" " + e[4] + " ") < 0) return;
var id = e[0] + ":" + e[1];
if (!pins[id] || pins[id].str < e[2]) pins[id] = { dir: e[0], doc: e[1], str: e[2], g: e[3] };
});
});
for (var id in pins) pinList.push(pins[id]);
var top = Math.max.apply(null, pinList.map(function (p) { return p.str; }).concat(0));
pinList = pinList.filter(function (p) { return top < 2 || p.str > 1; }).sort(function (a, b) {
return (b.dir === B.l) - (a.dir === B.l) || b.str - a.str || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : a.doc - b.doc);
}).slice(0, top > 1 ? 5 : 3);
var m = store[B.l + "/m"], res = pinList.map(function (p) { return { dir: p.dir, doc: p.doc, g: p.g, pin: 1, sec: p.dir === B.l && acc[p.doc] ? acc[p.doc].sec : {} }; });
for (var d in said) if (!acc[d]) acc[d] = { s: 0, sec: {} };
var ids = Object.keys(acc).map(Number).filter(function (d) { return !pins[B.l + ":" + d]; });
ids.sort(function (a, b) { return (said[b] || 0) - (said[a] || 0) || acc[b].s - acc[a].s || a - b; });
ids.forEach(function (d) { res.push({ dir: B.l, doc: d, g: m && m.g[Math.floor(d / G)], sec: acc[d].sec }); });
return { q: q, res: res, marks: marks, noExact: !pinList.length && ck.codey.length ? ck.codey[0] : "" };
});
}
// quoted gives the articles whose error texts or quoted messages say
// the query nearly word for word (msgSim at least MSG_MIN), with that
// similarity: they come first, after exact codes. A pasted message and
// its article's quote differ in the names the program filled in, which
// shape drops, and seldom in anything else.
var MSG_MIN = 0.8, LABEL = /^\s*(fatal error|error|fatal|помилка|ошибка)(\[[^\]]*\])?\s*[:,]/iu;
// PASTED tells a query that may be pasted from a program's output: one
// with a name in quotes, a colon, brackets, a path, a number or several
// lines, or five words of shape or more. "cant download maps" is typed,
// and loads no table.
var PASTED = /[`"\u201c\u00ab:\[\]()\/\\=\d\n]|(\p{L}+\P{L}+){4}\p{L}/u;
// pasted gives the shapes a query may be a paste of: the whole query
// and, for a paste of several lines, each line; "error:" and the like
// dropped from their start, as the table has messages without them.
// Shapes under three words are too short to tell a message.
function pasted(q) {
var ls = q.split("\n"), out = [];
(ls.length > 1 ? [q].concat(ls) : ls).forEach(function (l) { var s = shape(l.replace(LABEL, "")); if (s.length >= 3) out.push(s); });
return out.slice(0, 20);
}
function quoted(qs, tab) {
var out = dict();
if (!tab) return out;
for (var i = 0; i < tab.m.length; i++) {
var m = tab.m[i].split(" "), sim = 0, d = 0;
qs.forEach(function (s) { sim = Math.max(sim, msgSim(s, m)); });
for (var at = { i: 0 }, ds = tab.d[i]; sim >= MSG_MIN && at.i < ds.length;) { d += varint(ds, at); if (!(out[d] >= sim)) out[d] = sim; }
}
return out;
}
function render(my) {
var L = last, page = L.res.slice(0, shown);
return groups(page).then(function () {
if (my !== seq) return;
list.textContent = "";
page.forEach(function (r, i) {
var d = entry(r);
if (d) list.appendChild(item(d, r, L.marks, i));
});
if (L.res.length > shown) {
var li = el("li", "search-more"), b = el("button", "", T.more);
b.type = "button";
b.onclick = function () { shown += 10; render(seq).then(function () { var a = list.querySelectorAll("a")[shown - 10]; if (a) a.focus(); }); };
li.appendChild(b); list.appendChild(li);
}
var n = L.res.length, msg = count(n);
status.textContent = (L.noExact ? fmt(T.noExact, 0, L.noExact) + " " : "") + msg;
list.setAttribute("data-query", L.q);
tell("deskbook:search", { query: L.q, lang: B.l, results: n });
});
}
// groups loads the result groups that hold these results; entry is one's
// [url, title, category, kind, summary, sections] once loaded.
function groups(page) { return Promise.all(page.map(function (r) { return r.g ? load(r.dir + "/r" + Math.floor(r.doc / G), "search/" + r.dir + "/r-" + r.g + ".js") : null; })); }
function entry(r) { var grp = store[r.dir + "/r" + Math.floor(r.doc / G)]; return grp && grp[r.doc % G]; }
function count(n) { return n ? fmt((T.results || {})[plural ? plural.select(n) : "other"] || (T.results || {}).other, n) : T.none; }
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }
function href(u, a) {
if (location.protocol === "file:" && /\/$/.test(u)) u += "index.html";
return root + u + (a ? "#" + a : "");
}
function ranges(text, marks) {
var rs = [];
tokenize(text, false, function (t, k, key, s, e) { if (marks[k === W ? stem(B.stem, t) : t]) rs.push([s, e]); });
rs.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
var out = [];
rs.forEach(function (r) { var p = out[out.length - 1]; if (p && r[0] <= p[1]) p[1] = Math.max(p[1], r[1]); else out.push(r); });
return out;
}
function put(node, text, rs, a, b) {
var at = a;
rs.forEach(function (r) {
if (r[1] <= a || r[0] >= b) return;
var s = Math.max(r[0], a), e = Math.min(r[1], b);
if (s > at) node.appendChild(document.createTextNode(text.slice(at, s)));
node.appendChild(el("mark", "", text.slice(s, e)));
at = e;
});
if (b > at) node.appendChild(document.createTextNode(text.slice(at, b)));
}
// pick chooses what a result shows: the section where the query weighs
// most, and the first of its text, the summary and the other sections
// that has a marked term (rs: the marked ranges of text).
function pick(d, r, marks) {
var best = 0, bs = -1, sec;
for (var k in r.sec) if (r.sec[k] > bs) { bs = r.sec[k]; best = +k; }
sec = best > 0 && d[5][best - 1] || null;
var cands = [sec ? sec[2] : "", d[4]].concat(d[5].map(function (s) { return s[2]; })), text = "", rs = [];
for (var j = 0; j < cands.length; j++) { if (cands[j] && (rs = ranges(cands[j], marks)).length) { text = cands[j]; break; } }
if (!text) { text = d[4] || (d[5][0] || [])[2] || ""; rs = []; }
return { sec: sec, text: text, rs: rs };
}
// clip chooses a window of at most W characters of text with the most
// marked ranges, cut at spaces: [start, end].
function clip(text, rs, W2) {
var a0 = 0, b0 = text.length;
if (text.length > W2) {
var bestN = -1;
rs.forEach(function (r) { var s = Math.max(0, r[0] - 40), c = rs.filter(function (x) { return x[0] >= s && x[1] <= s + W2; }).length; if (c > bestN) { bestN = c; a0 = s; } });
b0 = Math.min(text.length, a0 + W2);
if (a0 > 0) { var sp = text.indexOf(" ", a0); if (sp > 0 && sp < a0 + 30) a0 = sp + 1; }
if (b0 < text.length) { var sp2 = text.lastIndexOf(" ", b0); if (sp2 > a0 + Math.min(100, W2 / 2)) b0 = sp2; }
}
return [a0, b0];
}
function item(d, r, marks, i) {
// d: [url, title, category, kind, summary, [[anchor, heading, text]…]]
var pk = pick(d, r, marks), sec = pk.sec;
var li = el("li", "search-result" + (r.pin ? " search-pinned" : "") + (d[3] ? " search-kind-" + d[3] : "")), a = el("a", "search-link");
li.id = "search-r" + i;
if (r.dir !== B.l) { li.lang = r.dir; li.className += " search-other-lang"; }
a.href = href(d[0], sec && sec[0]);
var t = el("span", "search-title");
put(t, d[1], ranges(d[1], marks), 0, d[1].length);
a.appendChild(t);
if (sec && sec[0] && sec[1]) a.appendChild(el("span", "search-heading", sec[1]));
li.appendChild(a);
if (r.pin) li.appendChild(el("span", "search-exact", T.exact));
if (d[2]) li.appendChild(el("span", "search-category", d[2]));
var text = pk.text, rs = pk.rs, ab = clip(text, rs, 220), a0 = ab[0], b0 = ab[1];
var p = el("p", "search-excerpt");
if (a0 > 0) p.appendChild(document.createTextNode("… "));
put(p, text, rs, a0, b0);
if (b0 < text.length) p.appendChild(document.createTextNode(" …"));
li.appendChild(p);
return li;
}
// query answers the widget's frame (widget.html): the first max results
// for q as plain data, with absolute links, the highlighted ranges of the
// title (tm) and of the snippet (sm), and the status line ("3 results").
function query(q, max) {
return compute(q).then(function (L) {
// Another language's article with the code only when this language has none.
var mine = L.res.filter(function (r) { return r.dir === B.l; }), res = mine.length ? mine : L.res, page = res.slice(0, max);
return groups(page).then(function () {
var out = [];
page.forEach(function (r) {
var d = entry(r);
if (!d) return;
var pk = pick(d, r, L.marks), ab = clip(pk.text, pk.rs, 140), a0 = ab[0];
out.push({ href: new URL(href(d[0], pk.sec && pk.sec[0]), location.href).href, title: d[1], tm: ranges(d[1], L.marks), lang: r.dir !== B.l ? r.dir : "",
text: pk.text.slice(a0, ab[1]), pre: a0 > 0, post: ab[1] < pk.text.length, sm: pk.rs.map(function (x) { return [x[0] - a0, x[1] - a0]; }) });
});
return { q: q, n: res.length, status: count(res.length), results: out };
});
});
}
function clear() { seq++; list.textContent = ""; status.textContent = ""; last = null; list.setAttribute("data-query", ""); }
function links() { return Array.prototype.slice.call(list.querySelectorAll("a, button")); }

// ---- events
function listen() {
var preloaded = false;
function preload() { if (preloaded) return; preloaded = true; meta(); if (B.c.length <= 2) B.c.forEach(function (h, i) { load("c" + i, "search/c-" + h + ".js"); }); }
// The meta file and a small code table load with the first keystroke,
// beside the query's own shards: loaded on focus instead, they could
// answer before the query asks, a round trip of its own.
input.addEventListener("input", function () { preload(); clearTimeout(timer); timer = setTimeout(run, 60); });
input.addEventListener("keydown", function (e) {
var ls = links();
if (e.key === "ArrowDown" && ls.length) { e.preventDefault(); ls[0].focus(); }
else if (e.key === "Escape") { e.preventDefault(); input.value = ""; clear(); }
else if (e.key === "Enter" && ls.length && ls[0].href && !e.isComposing) { e.preventDefault(); clearTimeout(timer); chose(ls[0]); location.href = ls[0].href; }
});
list.addEventListener("keydown", function (e) {
var ls = links(), i = ls.indexOf(document.activeElement);
if (i < 0) return;
if (e.key === "ArrowDown") { e.preventDefault(); if (ls[i + 1]) ls[i + 1].focus(); }
else if (e.key === "ArrowUp") { e.preventDefault(); (ls[i - 1] || input).focus(); }
else if (e.key === "Escape") { e.preventDefault(); input.value = ""; clear(); input.focus(); }
});
form.addEventListener("submit", function (e) {
if (location.protocol !== "file:") return;
e.preventDefault();
var a = form.getAttribute("action") || "";
if (/\/$/.test(a) || !a) a += "index.html";
location.href = a + "?q=" + encodeURIComponent(input.value);
});
list.addEventListener("click", function (e) { var a = e.target.closest && e.target.closest("a.search-link"); if (a) chose(a); });
var q = new URLSearchParams(location.search).get("q");
if (q) { input.value = q; preload(); run(); }
}

// ---- events for the page's other scripts (the theme's track.js sends them to analytics)
function tell(name, detail) { document.dispatchEvent(new CustomEvent(name, { detail: detail })); }
function chose(a) { tell("deskbook:search-choose", { query: last ? last.q : input.value, lang: B.l, url: a.href, position: Array.prototype.indexOf.call(list.querySelectorAll("a.search-link"), a) + 1 }); }
})();
