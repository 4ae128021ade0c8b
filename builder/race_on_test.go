//go:build race

package builder

// raceDetector tells tests that time work that the race detector, which
// makes code several times slower, is on.
const raceDetector = true
