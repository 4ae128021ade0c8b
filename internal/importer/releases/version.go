package releases

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// compareVersions orders two versions for entries of one day. Most
// changelogs use semantic versions, which are ordered by its rules: a
// pre-release comes before its release (1.2.0-rc1 < 1.2.0), numbers
// compare as numbers (1.9.0 < 1.10.0) and missing ones are zeros (v1.2
// is 1.2.0). A version it does not read, such as 1.2.3.4, is compared by
// compareParts.
func compareVersions(a, b string) int {
	va, errA := semver.NewVersion(a)
	vb, errB := semver.NewVersion(b)
	if errA == nil && errB == nil {
		return va.Compare(vb)
	}
	return compareParts(a, b)
}

// compareParts orders versions number by number, a missing number being a
// zero, and then a version with a suffix ("-rc1") before the same numbers
// without one, its suffix compared as text. It agrees with semantic
// versioning wherever both read a version, so a changelog that mixes
// 1.2.3.4 with 1.2.3 is still sorted one way.
func compareParts(a, b string) int {
	na, sa := splitVersion(a)
	nb, sb := splitVersion(b)
	for i := range max(len(na), len(nb)) {
		if c := cmp.Compare(part(na, i), part(nb, i)); c != 0 {
			return c
		}
	}
	switch {
	case sa == sb:
		return 0
	case sa == "":
		return 1
	case sb == "":
		return -1
	}
	return strings.Compare(sa, sb)
}

// splitVersion reads a version's leading dot-separated numbers and returns
// them and what follows: "v1.2.3.4-rc1" is [1 2 3 4] and "-rc1".
func splitVersion(v string) ([]uint64, string) {
	v = strings.TrimLeft(v, "vV")
	var nums []uint64
	for {
		digits := len(v) - len(strings.TrimLeft(v, "0123456789"))
		n, err := strconv.ParseUint(v[:digits], 10, 64)
		if digits == 0 || err != nil {
			return nums, v
		}
		nums = append(nums, n)
		v = v[digits:]
		if len(v) < 2 || v[0] != '.' || v[1] < '0' || v[1] > '9' {
			return nums, v
		}
		v = v[1:]
	}
}

// part is the i-th number of a version, 0 past its end.
func part(nums []uint64, i int) uint64 {
	if i < len(nums) {
		return nums[i]
	}
	return 0
}
