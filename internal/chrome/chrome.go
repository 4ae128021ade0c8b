// Package chrome starts Debian's Chromium through go-rod for PDF export and
// browser tests. It never lets rod download a browser: the binary is always
// given, found on this machine or named by $DESKBOOK_CHROME.
package chrome

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
)

// EnvVar names a Chromium or Chrome binary to use instead of the lookup.
const EnvVar = "DESKBOOK_CHROME"

// InstallHint says how to get a browser on the machines deskbook targets.
const InstallHint = "install Chromium (Debian/Ubuntu: apt-get install chromium) or set " + EnvVar + " to a Chrome or Chromium binary"

// ErrNotFound means no browser binary could be found.
var ErrNotFound = errors.New("no Chromium browser found")

// Find returns the browser binary: $DESKBOOK_CHROME when set, else the
// real Debian binary behind the /usr/bin/chromium wrapper script, else
// whatever rod's lookup finds on PATH and in the usual places.
func Find() (string, error) {
	if p := os.Getenv(EnvVar); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w (%s)", EnvVar, p, err, InstallHint)
		}
		return p, nil
	}
	for _, p := range []string{"/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser"} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	if p, ok := launcher.LookPath(); ok {
		return p, nil
	}
	return "", fmt.Errorf("%w: %s", ErrNotFound, InstallHint)
}

// Browser is a running headless Chromium with its own profile and HOME,
// both removed by Close.
type Browser struct {
	*rod.Browser
	launcher *launcher.Launcher
	dir      string
	once     sync.Once
	err      error
}

// Launch starts a headless Chromium from bin. Leakless stays on, so the
// browser dies with this process even when it is killed; a fresh profile
// and HOME keep the user's own browser profile out of it.
func Launch(ctx context.Context, bin string) (*Browser, error) {
	return LaunchWithin(ctx, bin, StartTimeout)
}

// StartTimeout is how long Launch waits for a browser to start. Chromium
// starts in a second or two; a binary that is not a browser, or one that
// hangs, must not keep deskbook pdf waiting forever.
const StartTimeout = 30 * time.Second

// idleFeatures are Chromium features a headless browser that prints and
// tests pages never uses, added to the ones rod turns off. Headless
// Chromium is the whole browser without a window: at start it loads the
// address bar's suggestion popup, a web page of its own (about a second of
// CPU, beside the page being printed, on a 2-core machine). A name this
// Chromium does not know is ignored.
var idleFeatures = []string{"PreloadTopChromeWebUI", "WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"}

// LaunchWithin is Launch with its own start-up deadline.
func LaunchWithin(ctx context.Context, bin string, start time.Duration) (*Browser, error) {
	sweepStale()
	// The folder is named by this process, so the next run can tell it is
	// stale as soon as this process is gone (killed before it could clean up).
	dir, err := os.MkdirTemp("", "deskbook-chrome-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, err
	}
	home, tmp := filepath.Join(dir, "home"), filepath.Join(dir, "t")
	if err := errors.Join(os.MkdirAll(home, 0o700), os.MkdirAll(tmp, 0o700)); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	startCtx, cancel := context.WithTimeout(ctx, start)
	defer cancel()
	l := launcher.New().
		Context(startCtx).
		Bin(bin).
		Headless(true).
		Leakless(true).
		NoSandbox(os.Geteuid() == 0).
		UserDataDir(filepath.Join(dir, "profile")).
		// Chromium's own temporary folders (org.chromium.Chromium.*) go
		// into the profile folder too, which the next run sweeps when this
		// one was killed before it could remove it.
		Env(append(cleanEnv(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_CACHE_HOME="+home, tmpDir(tmp))...).
		Set("disable-background-networking").
		Set("disable-component-update").
		Set("disable-sync").
		Set("no-first-run").
		Set("disable-gpu").
		Set("disable-quic").
		Set("hide-scrollbars").
		Set("mute-audio").
		Append("disable-features", idleFeatures...)
	url, err := l.Launch()
	if err != nil {
		l.Kill()
		os.RemoveAll(dir)
		if startCtx.Err() != nil && ctx.Err() == nil {
			return nil, fmt.Errorf("%s did not start within %s: is it a Chromium or Chrome browser? (--chrome or %s names another)", bin, start, EnvVar)
		}
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	b := rod.New().ControlURL(url).Context(ctx)
	if err := b.Connect(); err != nil {
		l.Kill()
		l.Cleanup()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("connecting to %s: %w", bin, err)
	}
	return &Browser{Browser: b, launcher: l, dir: dir}, nil
}

// Dir is the browser's own folder (its profile and HOME), which Close
// removes.
func (b *Browser) Dir() string { return b.dir }

// Close shuts the browser down and removes its profile and HOME. Calling it
// again does nothing.
func (b *Browser) Close() error {
	b.once.Do(func() { b.err = b.close() })
	return b.err
}

func (b *Browser) close() error {
	err := b.Browser.Close()
	if err != nil {
		b.launcher.Kill()
	}
	done := make(chan struct{})
	go func() { b.launcher.Cleanup(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		b.launcher.Kill()
	}
	if rerr := os.RemoveAll(b.dir); err == nil {
		err = rerr
	}
	return err
}

// tmpDir is the TMPDIR setting that puts Chromium's temporary folders in
// tmp. Chromium makes a Unix socket in one, and a socket's path may not
// be longer than about 100 bytes: under a very long system temporary
// path the browser keeps the system's folder instead of failing to start.
func tmpDir(tmp string) string {
	if len(tmp)+len("/org.chromium.Chromium.XXXXXX/SingletonSocket") > 100 {
		return "TMPDIR=" + os.TempDir()
	}
	return "TMPDIR=" + tmp
}

// cleanEnv is the environment without variables that would point Chromium
// at the user's own profile or display.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR", "DISPLAY", "WAYLAND_DISPLAY":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// sweepStale removes profile folders of deskbook browsers that were killed
// before they could clean up: those of a process that is gone, and any
// older than an hour (never a live one: a browser's profile changes all
// the time).
func sweepStale() {
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), "deskbook-chrome-*"))
	for _, m := range matches {
		fi, err := os.Stat(m)
		if err != nil {
			continue
		}
		if time.Since(fi.ModTime()) > time.Hour || ownerGone(filepath.Base(m)) {
			os.RemoveAll(m)
		}
	}
}

// ownerGone says whether the deskbook process that made a profile folder
// (deskbook-chrome-<pid>-…) has ended. It answers only where /proc shows
// processes; elsewhere the hour rule alone applies.
func ownerGone(name string) bool {
	pid, _, ok := strings.Cut(strings.TrimPrefix(name, "deskbook-chrome-"), "-")
	if !ok {
		return false
	}
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 || n == os.Getpid() {
		return false
	}
	if _, err := os.Stat("/proc/self"); err != nil {
		return false
	}
	_, err = os.Stat("/proc/" + pid)
	return errors.Is(err, fs.ErrNotExist)
}
