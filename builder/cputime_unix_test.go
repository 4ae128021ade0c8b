//go:build unix

package builder

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the test process has used so far. Timing
// work by it rather than by the clock leaves out the time other processes
// on a busy machine take, which made the growth of the parse time a test
// measures look faster than linear.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
