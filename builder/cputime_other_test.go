//go:build !unix

package builder

import "time"

// cpuTime is the clock where the processor time of a process is not at
// hand: timings then include what other processes take.
func cpuTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
