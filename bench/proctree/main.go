// Command proctree runs a command and measures its whole process tree: the
// command and every process it starts (for "deskbook pdf", Chromium and
// its helpers). /usr/bin/time sees only the largest single process's peak
// memory, and a browser's processes are not all reaped by their starter,
// so their CPU time can be missing from the rusage; this samples /proc
// instead.
//
//	go run ./bench/proctree [-every 50ms] -- COMMAND ARGS...
//
// The command's own stdout and stderr pass through. At the end one line
// goes to stderr (or -o FILE):
//
//	wall_s=12.345 cpu_s=20.1 peak_rss_mib=812.3 peak_pss_mib=640.2 procs=14 exit=0
//
// wall_s: wall time; cpu_s: user+system time summed over every process of
// the tree, each at its last sample (a process's last < every of CPU can
// be missed); peak_rss_mib: the highest sum over the tree of resident
// memory (shared pages counted in each process); peak_pss_mib: the highest
// sum of proportional set size (shared pages divided among their users),
// the fairer total; procs: processes seen. Linux only; standard library
// only.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

const clockTicks = 100 // USER_HZ: the unit of /proc/<pid>/stat times on Linux

func main() {
	every := flag.Duration("every", 50*time.Millisecond, "sampling interval")
	outFile := flag.String("o", "", "write the result line to this file instead of stderr")
	verbose := flag.Bool("v", false, "also list every process with its CPU time")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: proctree [-every 50ms] [-o FILE] -- COMMAND ARGS...")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "proctree:", err)
		os.Exit(1)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	cpu := map[int]int64{}   // pid → user+system ticks at its last sample
	name := map[int]string{} // pid → command line, for -v
	var peakRSS, peakPSS int64
	sample := func() {
		var rss, pss int64
		for _, pid := range tree(cmd.Process.Pid) {
			if t, ok := cpuTicks(pid); ok {
				cpu[pid] = t
			}
			if *verbose && name[pid] == "" {
				name[pid] = cmdline(pid)
			}
			r, p := memory(pid)
			rss += r
			pss += p
		}
		peakRSS, peakPSS = max(peakRSS, rss), max(peakPSS, pss)
	}
	tick := time.NewTicker(*every)
	defer tick.Stop()
	var err error
loop:
	for {
		select {
		case err = <-done:
			break loop
		case <-tick.C:
			sample()
		}
	}
	wall := time.Since(start)
	var ticks int64
	for _, t := range cpu {
		ticks += t
	}
	if *verbose {
		pids := make([]int, 0, len(cpu))
		for pid := range cpu {
			pids = append(pids, pid)
		}
		sort.Slice(pids, func(i, j int) bool { return cpu[pids[i]] > cpu[pids[j]] })
		for _, pid := range pids {
			fmt.Fprintf(os.Stderr, "proctree: %7.2fs  %d %.120s\n", float64(cpu[pid])/clockTicks, pid, name[pid])
		}
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		code = -1
	}
	line := fmt.Sprintf("wall_s=%.3f cpu_s=%.2f peak_rss_mib=%.1f peak_pss_mib=%.1f procs=%d exit=%d\n",
		wall.Seconds(), float64(ticks)/clockTicks, float64(peakRSS)/1024, float64(peakPSS)/1024, len(cpu), code)
	if *outFile != "" {
		if err := os.WriteFile(*outFile, []byte(line), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "proctree:", err)
		}
	} else {
		fmt.Fprint(os.Stderr, line)
	}
	os.Exit(code)
}

// tree returns root and all its descendants, from the parent links in /proc.
func tree(root int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, ok := parent(pid); ok {
			children[ppid] = append(children[ppid], pid)
		}
	}
	out := []int{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

// stat returns the fields of /proc/<pid>/stat after the command name
// (which may hold spaces), so field 3 of the man page is index 0.
func stat(pid int) ([]string, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, false
	}
	return strings.Fields(string(b[i+1:])), true
}

func parent(pid int) (int, bool) {
	f, ok := stat(pid)
	if !ok || len(f) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, err == nil
}

// cpuTicks is utime+stime (fields 14 and 15).
func cpuTicks(pid int) (int64, bool) {
	f, ok := stat(pid)
	if !ok || len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	s, err2 := strconv.ParseInt(f[12], 10, 64)
	return u + s, err1 == nil && err2 == nil
}

// cmdline is a process's command line with the arguments that tell
// Chromium's processes apart.
func cmdline(pid int) string {
	b, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	args := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
	out := filepath.Base(args[0])
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "--type=") || strings.HasPrefix(a, "--utility-sub-type=") {
			out += " " + a
		}
	}
	return out
}

// memory returns Rss and Pss in KiB from smaps_rollup.
func memory(pid int) (rss, pss int64) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "smaps_rollup"))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "Rss":
			rss = n
		case "Pss":
			pss = n
		}
	}
	return rss, pss
}
