package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os/exec"
	"runtime"

	"deskbook/internal/preview"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("serve", "serve [--source DIR] [--addr 127.0.0.1:8080] [--open] [--theme DIR] [--drafts] [--links warn|strict]", stderr)
	var sf siteFlags
	sf.register(fl)
	addr := fl.String("addr", "127.0.0.1:8080", "the address to listen on (loopback by default: previews are private)")
	open := fl.Bool("open", false, "open the site in the browser once it is served")
	drafts := fl.Bool("drafts", false, "include articles with draft: true")
	links := linksFlag(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("serve takes no arguments, got %q", fl.Args())}
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	cfg.Drafts = *drafts
	if cfg.Links, err = linksMode(*links); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usageError{fmt.Sprintf("--addr %s: %v", *addr, err)}
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(stderr, "deskbook: warning: --addr %s is reachable from other machines; the preview includes drafts and errors\n", *addr)
	}
	// Links that must be absolute (the 404 page's) lead to this server.
	cfg.BaseURL = "http://" + ln.Addr().String() + "/"
	opts := preview.Options{SourceDir: sf.source, ThemeDir: sf.theme}
	if *open {
		opts.Ready = func(url string) {
			if err := openBrowser(url); err != nil {
				fmt.Fprintf(stderr, "deskbook: could not open a browser (%v); open %s yourself\n", err, url)
			}
		}
	}
	return preview.Serve(ctx, cfg, opts, ln, stdout)
}

// openBrowser opens url in the desktop's browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the browser outlives the opener
	return nil
}
