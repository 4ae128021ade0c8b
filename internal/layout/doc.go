// Package layout has no code. Its tests keep the package table of
// ARCHITECTURE.md true — who may import whom — and the house rules that
// go with it, so the layout is kept by a check rather than by memory.
package layout
