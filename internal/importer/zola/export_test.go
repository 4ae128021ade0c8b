package zola

// SplitName lets the tests count a source's pages per language as the
// importer does.
var SplitName = splitName
