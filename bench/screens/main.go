// Command screens takes screenshots of a built site's pages in Chromium,
// and compares two sets of them pixel by pixel, so that a change to the
// markup a page carries can be shown to change nothing a reader sees:
//
//	go run ./bench/screens -site OUT -out DIR -paths en/,en/errors/disk-full/ [-widths 1280,360] [-seen 2000-01-01]
//	go run ./bench/screens -compare BEFORE_DIR AFTER_DIR
//
// The first form serves OUT as a static host does (internal/host), opens
// each path at each width with a fresh page and saves the whole page as
// DIR/<path>@<width>.png. -seen sets the date of the reader's last visit
// for every language before the page loads, so the "What's new" banner
// shows. -nojs takes them with JavaScript off. The second form prints,
// for each file of BEFORE_DIR, whether AFTER_DIR's has the same size and
// how many pixels differ, and exits 1 when any does.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"deskbook/internal/chrome"
	"deskbook/internal/host"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

func main() {
	site := flag.String("site", "", "built site folder to serve")
	out := flag.String("out", "", "folder for the screenshots")
	paths := flag.String("paths", "", "comma-separated page paths from the site root")
	widths := flag.String("widths", "1280,360", "comma-separated viewport widths in CSS pixels")
	seen := flag.String("seen", "", "date of the reader's last visit (YYYY-MM-DD), to show What's new")
	nojs := flag.Bool("nojs", false, "take the screenshots with JavaScript off")
	compare := flag.Bool("compare", false, "compare two folders of screenshots: -compare BEFORE AFTER")
	flag.Parse()
	var err error
	if *compare {
		if flag.NArg() != 2 {
			err = fmt.Errorf("-compare needs two folders")
		} else {
			var same bool
			if same, err = compareDirs(flag.Arg(0), flag.Arg(1)); err == nil && !same {
				os.Exit(1)
			}
		}
	} else {
		err = shoot(*site, *out, strings.Split(*paths, ","), strings.Split(*widths, ","), *seen, *nojs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "screens:", err)
		os.Exit(2)
	}
}

// shoot serves site and saves a screenshot of every path at every width.
func shoot(site, out string, paths, widths []string, seen string, nojs bool) error {
	if site == "" || out == "" {
		return fmt.Errorf("-site and -out are needed")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: host.Folder(site)}
	go srv.Serve(ln)
	defer srv.Close()
	bin, err := chrome.Find()
	if err != nil {
		return err
	}
	b, err := chrome.Launch(context.Background(), bin)
	if err != nil {
		return err
	}
	defer b.Close()
	base := "http://" + ln.Addr().String() + "/"
	for _, p := range paths {
		for _, w := range widths {
			width, err := strconv.Atoi(w)
			if err != nil {
				return fmt.Errorf("width %q: %w", w, err)
			}
			png, err := screenshot(b.Browser, base, strings.TrimPrefix(p, "/"), width, seen, nojs)
			if err != nil {
				return fmt.Errorf("%s at %d: %w", p, width, err)
			}
			name := strings.Trim(strings.ReplaceAll(p, "/", "_"), "_")
			if name == "" {
				name = "root"
			}
			file := filepath.Join(out, name+"@"+w+".png")
			if err := os.WriteFile(file, png, 0o644); err != nil {
				return err
			}
			fmt.Println(file)
		}
	}
	return nil
}

// screenshot opens one page at one width and returns the whole page as PNG.
func screenshot(b *rod.Browser, base, path string, width int, seen string, nojs bool) ([]byte, error) {
	page, err := b.Page(proto.TargetCreateTarget{})
	if err != nil {
		return nil, err
	}
	defer page.Close()
	page = page.Timeout(60 * time.Second)
	if err := (proto.EmulationSetDeviceMetricsOverride{Width: width, Height: 800, DeviceScaleFactor: 1, Mobile: width < 600}).Call(page); err != nil {
		return nil, err
	}
	if nojs {
		if err := (proto.EmulationSetScriptExecutionDisabled{Value: true}).Call(page); err != nil {
			return nil, err
		}
	}
	if seen != "" && !nojs {
		// The banner compares the newest change with the last visit, kept
		// in localStorage for the page's origin.
		if err := page.Navigate(base + "robots.txt"); err != nil {
			return nil, err
		}
		page.MustWaitLoad()
		page.MustEval(`d => { for (const l of ["en","uk","ru","de","fr","es","pt-br"]) localStorage.setItem("deskbook:seen:" + l, d) }`, seen)
	}
	if err := page.Navigate(base + path); err != nil {
		return nil, err
	}
	if err := page.WaitLoad(); err != nil {
		return nil, err
	}
	if !nojs {
		// The deferred scripts have run; wait for the fonts too.
		if err := page.WaitIdle(5 * time.Second); err != nil {
			return nil, err
		}
		page.MustEval(`() => document.fonts.ready`)
	}
	return page.Screenshot(true, &proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatPng})
}

// compareDirs compares every PNG of before with the one of the same name
// in after; it reports whether all are the same.
func compareDirs(before, after string) (bool, error) {
	names, err := filepath.Glob(filepath.Join(before, "*.png"))
	if err != nil {
		return false, err
	}
	sort.Strings(names)
	same := true
	for _, p := range names {
		name := filepath.Base(p)
		a, err := readPNG(p)
		if err != nil {
			return false, err
		}
		b, err := readPNG(filepath.Join(after, name))
		if err != nil {
			fmt.Printf("%-40s missing in %s\n", name, after)
			same = false
			continue
		}
		if a.Bounds() != b.Bounds() {
			fmt.Printf("%-40s size %v → %v\n", name, a.Bounds().Size(), b.Bounds().Size())
			same = false
			continue
		}
		diff := 0
		r := a.Bounds()
		var box image.Rectangle // where the differing pixels are
		most := 0               // the largest difference of a colour channel, 0–255
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if d := delta(a.At(x, y), b.At(x, y)); d > 0 {
					diff++
					box = box.Union(image.Rect(x, y, x+1, y+1))
					most = max(most, d)
				}
			}
		}
		fmt.Printf("%-40s %v, %d pixels differ", name, r.Size(), diff)
		if diff > 0 {
			fmt.Printf(" in %v, by up to %d of 255", box, most)
		}
		fmt.Println()
		if diff > 0 {
			same = false
		}
	}
	return same, nil
}

// delta is the largest difference between two colours' channels, 0–255.
func delta(a, b color.Color) int {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := 0
	for _, c := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}} {
		d = max(d, abs(int(c[0]>>8)-int(c[1]>>8)))
	}
	return d
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func readPNG(p string) (image.Image, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(data))
}
