package main

import (
	"context"
	"fmt"
	"io"
	"net"

	"deskbook/builder"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("serve", "serve [--source DIR] [--addr 127.0.0.1:8080] [--theme DIR] [--drafts]", stderr)
	var sf siteFlags
	sf.register(fl)
	addr := fl.String("addr", "127.0.0.1:8080", "the address to listen on (loopback by default: previews are private)")
	drafts := fl.Bool("drafts", false, "include articles with draft: true")
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
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usageError{fmt.Sprintf("--addr %s: %v", *addr, err)}
	}
	err = builder.Serve(ctx, cfg, ln, stdout)
	return report(nil, err, stdout, stderr, 20, func() {})
}
