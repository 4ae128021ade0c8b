// Command serve measures live-preview latency: the time from writing a
// file to the moment the preview server tells the browser to reload, for
// deskbook serve and hugo server on the same corpus (see bench/README.md).
//
//	go run ./bench/serve -corpus DIR -deskbook BIN [-hugo hugo] [-edits 50] [-gap 1.5s]
//
// DIR is a corpus made by bench/corpus (DIR/content for deskbook, DIR/hugo
// for Hugo). For each tool it starts the server, connects as a page would
// (deskbook: Server-Sent Events at /.deskbook/events; Hugo: its LiveReload
// WebSocket at /livereload), then runs three scenarios of -edits edits each:
//
//	body   append a sentence to the body of an article
//	title  change the title of an article
//	new    create a new article in a category
//
// Each edit is one os.WriteFile of the whole file; the latency is from just
// before the write to the arrival of the reload message (deskbook: the
// "reload" event naming the edited page; Hugo: the next "reload" command).
// After each reload the program waits -gap, as a writer would between
// saves, so the servers' background work (deskbook's search index) does
// not overlap the next edit. The articles edited are picked by a fixed
// seed, the same for both tools. Only the standard library is used.
package main

import (
	"bufio"
	"bytes"
	crand "crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	corpus := flag.String("corpus", "", "corpus folder made by bench/corpus (required)")
	deskbook := flag.String("deskbook", "", "deskbook binary (empty: skip deskbook)")
	hugo := flag.String("hugo", "hugo", "hugo binary (empty: skip Hugo)")
	edits := flag.Int("edits", 50, "edits per scenario")
	gap := flag.Duration("gap", 1500*time.Millisecond, "pause after each reload")
	flag.Parse()
	if *corpus == "" {
		fmt.Fprintln(os.Stderr, "usage: serve -corpus DIR -deskbook BIN [-hugo hugo] [-edits 50] [-gap 1.5s]")
		os.Exit(2)
	}
	var rows []row
	if *deskbook != "" {
		r, err := run(deskbookTool(*deskbook, filepath.Join(*corpus, "content")), *edits, *gap)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: deskbook:", err)
			os.Exit(1)
		}
		rows = append(rows, r...)
	}
	if *hugo != "" {
		r, err := run(hugoTool(*hugo, filepath.Join(*corpus, "hugo")), *edits, *gap)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: hugo:", err)
			os.Exit(1)
		}
		rows = append(rows, r...)
	}
	table(os.Stdout, rows, *edits, *gap)
}

// tool is a preview server under test.
type tool struct {
	name    string
	content string // its content folder
	start   func(port int) *exec.Cmd
	listen  func(addr string) (<-chan message, error)
}

// message is a reload message as it arrived.
type message struct {
	at    time.Time
	pages []string // deskbook: the pages it names
}

type row struct {
	tool, scenario string
	lat            []time.Duration
	startup        time.Duration
}

func deskbookTool(bin, content string) tool {
	return tool{
		name: "deskbook", content: content,
		start: func(port int) *exec.Cmd {
			return exec.Command(bin, "serve", "--source", content, "--addr", fmt.Sprintf("127.0.0.1:%d", port))
		},
		listen: listenSSE,
	}
}

func hugoTool(bin, site string) tool {
	cache := filepath.Join(filepath.Dir(site), "hugo-cache")
	return tool{
		name: "hugo", content: filepath.Join(site, "content"),
		start: func(port int) *exec.Cmd {
			return exec.Command(bin, "server", "-s", site, "--cacheDir", cache, "--bind", "127.0.0.1", "--port", fmt.Sprint(port), "--baseURL", fmt.Sprintf("http://127.0.0.1:%d/", port))
		},
		listen: listenLiveReload,
	}
}

// run starts a tool's server and runs the three scenarios.
func run(t tool, edits int, gap time.Duration) ([]row, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := t.start(port)
	var logBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	fmt.Fprintf(os.Stderr, "bench: starting %s\n", strings.Join(cmd.Args, " "))
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}()
	if err := waitHTTP("http://"+addr+"/", 10*time.Minute); err != nil {
		return nil, fmt.Errorf("%v; its output:\n%s", err, tail(logBuf.String()))
	}
	startup := time.Since(t0)
	fmt.Fprintf(os.Stderr, "bench: %s serving after %s\n", t.name, startup.Round(time.Millisecond))
	msgs, err := t.listen(addr)
	if err != nil {
		return nil, err
	}
	time.Sleep(gap) // let the first index or render settle

	arts, err := articles(t.content)
	if err != nil {
		return nil, err
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	var rows []row
	for _, sc := range []string{"body", "title", "new"} {
		r := row{tool: t.name, scenario: sc, startup: startup}
		for k := range edits {
			p, data, page, err := edit(t.content, arts, rnd, sc, k)
			if err != nil {
				return nil, err
			}
			drain(msgs)
			start := time.Now()
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return nil, err
			}
			at, err := await(msgs, page, 30*time.Second)
			if err != nil {
				return nil, fmt.Errorf("%s edit %d (%s): %v; its output:\n%s", sc, k, p, err, tail(logBuf.String()))
			}
			r.lat = append(r.lat, at.Sub(start))
			time.Sleep(gap)
		}
		fmt.Fprintf(os.Stderr, "bench: %s %s: p50 %s\n", t.name, sc, pct(r.lat, 50))
		rows = append(rows, r)
	}
	return rows, nil
}

// articles lists the Markdown files of a content folder, sorted.
func articles(content string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_") && !strings.Contains(d.Name(), "bench-new-") {
			out = append(out, p)
		}
		return err
	})
	slices.Sort(out)
	return out, err
}

// edit makes the k-th edit of a scenario: the file to write, its new
// contents and the deskbook page that must reload.
func edit(content string, arts []string, rnd *rand.Rand, scenario string, k int) (string, []byte, string, error) {
	p := arts[rnd.IntN(len(arts))]
	rel, _ := filepath.Rel(content, p)
	page := "en/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/index.html"
	switch scenario {
	case "body", "title":
		b, err := os.ReadFile(p)
		if err != nil {
			return "", nil, "", err
		}
		if scenario == "body" {
			return p, fmt.Appendf(bytes.TrimRight(b, "\n"), "\n\nEdited for the benchmark, edit %d.\n", k), page, nil
		}
		i := bytes.Index(b, []byte("\ntitle: \""))
		if i < 0 {
			return "", nil, "", fmt.Errorf("%s has no title line", p)
		}
		i += len("\ntitle: \"")
		return p, slices.Concat(b[:i], fmt.Appendf(nil, "Edit %d: ", k), b[i:]), page, nil
	}
	dir := filepath.Dir(p)
	name := fmt.Sprintf("bench-new-%d-%d.md", time.Now().UnixNano()%1e6, k)
	cat, _ := filepath.Rel(content, dir)
	data := fmt.Appendf(nil, "---\ntitle: \"A new article %d\"\nid: %d\nkind: article\nsummary: \"Made by the benchmark.\"\n---\nA new article, number %d.\n", k, 900000+k+rnd.IntN(50000), k)
	return filepath.Join(dir, name), data, "en/" + filepath.ToSlash(cat) + "/" + strings.TrimSuffix(name, ".md") + "/index.html", nil
}

func drain(c <-chan message) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// await waits for the reload message for page (any reload when the
// server does not name pages).
func await(c <-chan message, page string, timeout time.Duration) (time.Time, error) {
	deadline := time.After(timeout)
	for {
		select {
		case m, ok := <-c:
			if !ok {
				return time.Time{}, errors.New("connection closed")
			}
			if m.pages == nil || slices.Contains(m.pages, page) {
				return m.at, nil
			}
		case <-deadline:
			return time.Time{}, errors.New("no reload message")
		}
	}
}

// listenSSE follows deskbook's event stream.
func listenSSE(addr string) (<-chan message, error) {
	resp, err := http.Get("http://" + addr + "/.deskbook/events")
	if err != nil {
		return nil, err
	}
	out := make(chan message, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 64<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = n
			} else if d, ok := strings.CutPrefix(line, "data: "); ok && name == "reload" {
				at := time.Now()
				var ev struct{ Pages []string }
				json.Unmarshal([]byte(d), &ev)
				out <- message{at: at, pages: append([]string{}, ev.Pages...)}
			}
		}
		close(out)
	}()
	return out, nil
}

// listenLiveReload follows Hugo's LiveReload WebSocket with a minimal
// client (RFC 6455: handshake, masked text frames out, frames in).
func listenLiveReload(addr string) (<-chan message, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	crand.Read(key)
	fmt.Fprintf(conn, "GET /livereload HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
		addr, addr, base64.StdEncoding.EncodeToString(key))
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		conn.Close()
		return nil, fmt.Errorf("livereload handshake: %s", resp.Status)
	}
	hello := []byte(`{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`)
	if _, err := conn.Write(frame(hello)); err != nil {
		return nil, err
	}
	out := make(chan message, 64)
	go func() {
		defer conn.Close()
		defer close(out)
		for {
			payload, err := readFrame(br)
			if err != nil {
				return
			}
			at := time.Now()
			var m struct{ Command string }
			if json.Unmarshal(payload, &m) == nil && m.Command == "reload" {
				out <- message{at: at}
			}
		}
	}()
	return out, nil
}

// frame makes a masked text frame.
func frame(payload []byte) []byte {
	b := []byte{0x81}
	switch n := len(payload); {
	case n < 126:
		b = append(b, 0x80|byte(n))
	default:
		b = append(b, 0x80|126, byte(n>>8), byte(n))
	}
	mask := make([]byte, 4)
	crand.Read(mask)
	b = append(b, mask...)
	for i, c := range payload {
		b = append(b, c^mask[i%4])
	}
	return b
}

// readFrame reads one (unmasked, unfragmented) frame's payload.
func readFrame(r *bufio.Reader) ([]byte, error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126:
		var x [2]byte
		if _, err := io.ReadFull(r, x[:]); err != nil {
			return nil, err
		}
		n = uint64(binary.BigEndian.Uint16(x[:]))
	case 127:
		var x [8]byte
		if _, err := io.ReadFull(r, x[:]); err != nil {
			return nil, err
		}
		n = binary.BigEndian.Uint64(x[:])
	}
	var mask [4]byte
	if h[1]&0x80 != 0 {
		if _, err := io.ReadFull(r, mask[:]); err != nil {
			return nil, err
		}
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		return nil, err
	}
	if h[1]&0x80 != 0 {
		for i := range p {
			p[i] ^= mask[i%4]
		}
	}
	return p, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func waitHTTP(url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer in %s", url, timeout)
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-30):], "\n")
}

// pct is the p-th percentile (nearest rank).
func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := (p*len(s) + 99) / 100
	return s[min(max(i-1, 0), len(s)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/1e6) }

func table(w io.Writer, rows []row, edits int, gap time.Duration) {
	fmt.Fprintf(w, "live preview: time from file write to reload message, %d edits per scenario, %s between edits\n", edits, gap)
	fmt.Fprintf(w, "%-9s %-6s %9s %9s %9s %9s %10s\n", "tool", "edit", "p50_ms", "p95_ms", "min_ms", "max_ms", "startup_s")
	by := map[string]row{}
	for _, r := range rows {
		by[r.tool+"/"+r.scenario] = r
		slices.Sort(r.lat)
		fmt.Fprintf(w, "%-9s %-6s %9s %9s %9s %9s %10.1f\n", r.tool, r.scenario, ms(pct(r.lat, 50)), ms(pct(r.lat, 95)), ms(r.lat[0]), ms(r.lat[len(r.lat)-1]), r.startup.Seconds())
	}
	for _, sc := range []string{"body", "title", "new"} {
		d, okD := by["deskbook/"+sc]
		h, okH := by["hugo/"+sc]
		if okD && okH {
			fmt.Fprintf(w, "deskbook/hugo %-6s p50 %5.2fx   p95 %5.2fx\n", sc,
				float64(pct(d.lat, 50))/float64(pct(h.lat, 50)), float64(pct(d.lat, 95))/float64(pct(h.lat, 95)))
		}
	}
}
