// Command serve measures live-preview latency: the time from writing a
// file to the moment the preview server tells the browser to reload, for
// deskbook serve and hugo server on the same corpus (see bench/README.md).
//
//	go run ./bench/serve -corpus DIR -deskbook BIN [-base OLDBIN] [-hugo hugo] [-edits 50] [-gap 1.5s] [-scenarios body,title,new,burst]
//
// DIR is a corpus made by bench/corpus (DIR/content for deskbook, DIR/hugo
// for Hugo). For each tool it starts the server, connects as a page would
// (deskbook: Server-Sent Events at /.deskbook/events; Hugo: its LiveReload
// WebSocket at /livereload), then runs four scenarios of -edits edits each:
//
//	body   append a sentence to the body of an article
//	title  change the title of an article
//	new    create a new article in a category
//	burst  the body edit again (of articles the print book holds: not release
//	       notes), saved back to back: each edit is written as soon as the
//	       reload of the one before arrived, with no pause
//
// Each edit is one os.WriteFile of the whole file; the latency is from just
// before the write to the arrival of the reload message (deskbook: the
// "reload" event naming the edited page; Hugo: the next "reload" command).
// In body, title and new the program waits -gap after each reload, as a
// writer would between saves, so the servers' background work (deskbook's
// print book and search index) does not overlap the next edit; in burst it
// does not wait, so that work meets the next edit. After a burst deskbook
// is timed until its site is whole again ("settle": the print book shows
// the last edit and a search index came after it). The articles edited are
// picked by a fixed seed, the same for every tool. -base runs the same
// scenarios with an older deskbook binary on a copy of the content, at the
// same time as -deskbook, the two taking each scenario in turns, for a
// before and after in one run. Only the standard library is used.
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
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	corpus := flag.String("corpus", "", "corpus folder made by bench/corpus (required)")
	deskbook := flag.String("deskbook", "", "deskbook binary (empty: skip deskbook)")
	base := flag.String("base", "", "an older deskbook binary to run the same scenarios with (empty: none)")
	hugo := flag.String("hugo", "hugo", "hugo binary (empty: skip Hugo)")
	edits := flag.Int("edits", 50, "edits per scenario")
	gap := flag.Duration("gap", 1500*time.Millisecond, "pause after each reload (body, title, new) and after a burst")
	scen := flag.String("scenarios", strings.Join(allScenarios, ","), "scenarios to run, in order")
	flag.Parse()
	scenarios := strings.Split(*scen, ",")
	if *corpus == "" || slices.ContainsFunc(scenarios, func(s string) bool { return !slices.Contains(allScenarios, s) }) {
		fmt.Fprintln(os.Stderr, "usage: serve -corpus DIR -deskbook BIN [-base OLDBIN] [-hugo hugo] [-edits 50] [-gap 1.5s] [-scenarios body,title,new,burst]")
		os.Exit(2)
	}
	content := filepath.Join(*corpus, "content")
	var desk []tool
	if *deskbook != "" {
		desk = append(desk, deskbookTool("deskbook", *deskbook, content))
	}
	if *base != "" {
		// A folder of its own, so both servers run at once and take the
		// scenarios in turns: load on the machine changes as the run goes.
		baseContent := content + "-base"
		if err := os.RemoveAll(baseContent); err != nil {
			fail("", err)
		}
		if err := os.CopyFS(baseContent, os.DirFS(content)); err != nil {
			fail("", err)
		}
		desk = append(desk, deskbookTool("deskbook-base", *base, baseContent))
		defer os.RemoveAll(baseContent)
	}
	rows, err := inTurns(desk, scenarios, *edits, *gap)
	if err == nil && *hugo != "" {
		var hr []row
		hr, err = inTurns([]tool{hugoTool(*hugo, filepath.Join(*corpus, "hugo"))}, scenarios, *edits, *gap)
		rows = append(rows, hr...)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1) // the servers are stopped; run.sh removes the corpus
	}
	table(os.Stdout, rows, scenarios, *edits, *gap)
}

// inTurns starts the tools' servers and runs each scenario with each tool
// in turn, then stops them.
func inTurns(tools []tool, scenarios []string, edits int, gap time.Duration) ([]row, error) {
	var sessions []*session
	defer func() {
		for _, s := range sessions {
			s.stop()
		}
	}()
	for _, t := range tools {
		s, err := start(t, gap)
		if s != nil {
			sessions = append(sessions, s)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
	}
	var rows []row
	for _, sc := range scenarios {
		for _, s := range sessions {
			quiet(sessions)
			r, err := s.scenario(sc, edits, gap)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.t.name, err)
			}
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// quiet waits until no server uses the processor (their CPU time, read
// from /proc, stands still for half a second), so that the late work of
// one tool's last edit does not slow the next tool's turn; at most a
// minute.
func quiet(sessions []*session) {
	cpu := func() (sum int64) {
		for _, s := range sessions {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
			if err != nil {
				return -1 // not Linux, or gone: nothing to wait for
			}
			f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
			for _, i := range []int{11, 12} { // utime, stime (fields 14 and 15)
				n, _ := strconv.ParseInt(f[i], 10, 64)
				sum += n
			}
		}
		return sum
	}
	deadline := time.Now().Add(time.Minute)
	for last, still := cpu(), 0; last >= 0 && still < 2 && time.Now().Before(deadline); {
		time.Sleep(250 * time.Millisecond)
		now := cpu()
		if now == last {
			still++
		} else {
			still = 0
		}
		last = now
	}
}

// fail reports an error and exits.
func fail(name string, err error) {
	fmt.Fprintf(os.Stderr, "bench: %s: %v\n", name, err)
	os.Exit(1)
}

// lockedBuffer is a server's output, written by the command's copying
// goroutine and read when an edit fails.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// allScenarios are the scenarios in the order they run by default.
var allScenarios = []string{"body", "title", "new", "burst"}

// tool is a preview server under test.
type tool struct {
	name    string
	content string // its content folder
	start   func(port int) *exec.Cmd
	listen  func(addr string) (<-chan message, error)
	late    bool // it finishes work after the reload (deskbook): a burst is timed until the site is whole
}

// message is a reload message (or deskbook's "index" event) as it arrived.
type message struct {
	at    time.Time
	index bool     // deskbook: a new search index is served
	pages []string // deskbook: the pages it names
}

type row struct {
	tool, scenario string
	lat            []time.Duration
	startup        time.Duration
	settle         time.Duration // burst: from the last edit served to the site being whole (print book and index)
}

func deskbookTool(name, bin, content string) tool {
	return tool{
		name: name, content: content, late: true,
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

// session is a tool's server, running.
type session struct {
	t       tool
	addr    string
	cmd     *exec.Cmd
	log     *lockedBuffer
	msgs    <-chan message
	startup time.Duration
	arts    []string
	rnd     *rand.Rand        // the edits to make: the same sequence for every tool
	orig    map[string][]byte // the edited files' first contents; nil for new files
}

// start starts a tool's server and waits until it answers and its first
// late work settled.
func start(t tool, gap time.Duration) (*session, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &session{t: t, addr: fmt.Sprintf("127.0.0.1:%d", port), cmd: t.start(port), log: &lockedBuffer{},
		rnd: rand.New(rand.NewPCG(1, 2)), orig: map[string][]byte{}}
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	fmt.Fprintf(os.Stderr, "bench: starting %s\n", strings.Join(s.cmd.Args, " "))
	t0 := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	if err := waitHTTP("http://"+s.addr+"/", 10*time.Minute); err != nil {
		return s, fmt.Errorf("%v; its output:\n%s", err, tail(s.log.String()))
	}
	s.startup = time.Since(t0)
	fmt.Fprintf(os.Stderr, "bench: %s serving after %s\n", t.name, s.startup.Round(time.Millisecond))
	if s.msgs, err = t.listen(s.addr); err != nil {
		return s, err
	}
	time.Sleep(gap) // let the first index or render settle
	s.arts, err = articles(t.content)
	return s, err
}

// stop stops the server, then gives the edited files their first contents
// back and removes the new ones: every tool starts from the same corpus.
func (s *session) stop() {
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	restore(s.orig)
}

// scenario runs one scenario of edits.
func (s *session) scenario(sc string, edits int, gap time.Duration) (row, error) {
	r := row{tool: s.t.name, scenario: sc, startup: s.startup}
	var last []byte      // burst: what the last edit wrote
	var lastAt time.Time // and when it was served
	for k := range edits {
		p, data, page, err := edit(s.t.content, s.arts, s.rnd, sc, k)
		if err != nil {
			return r, err
		}
		if _, seen := s.orig[p]; !seen {
			s.orig[p], _ = os.ReadFile(p) // nil for a new file
		}
		drain(s.msgs)
		start := time.Now()
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return r, err
		}
		at, err := await(s.msgs, page, 2*time.Minute) // Hugo on a busy machine takes half a minute
		if err != nil {
			return r, fmt.Errorf("%s edit %d (%s): %v; its output:\n%s", sc, k, p, err, tail(s.log.String()))
		}
		r.lat = append(r.lat, at.Sub(start))
		last, lastAt = data, at
		if sc != "burst" {
			time.Sleep(gap)
		}
	}
	if sc == "burst" && s.t.late {
		var err error
		if r.settle, err = settle(s.msgs, s.addr, last, lastAt); err != nil {
			return r, fmt.Errorf("after the burst: %v; its output:\n%s", err, tail(s.log.String()))
		}
	}
	if sc == "burst" {
		time.Sleep(gap)
	}
	fmt.Fprintf(os.Stderr, "bench: %s %s: p50 %s\n", s.t.name, sc, pct(r.lat, 50))
	return r, nil
}

// restore writes the edited files' first contents back and removes the
// files the benchmark made.
func restore(orig map[string][]byte) {
	for p, b := range orig {
		var err error
		if b == nil {
			err = os.Remove(p)
		} else {
			err = os.WriteFile(p, b, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
	}
}

// settle waits, after the last edit of a burst was served, until deskbook's
// site is whole again: a reload of the print book that shows the last
// edit's sentence, and a search index served after it. It returns the time
// from the last edit's reload.
func settle(msgs <-chan message, addr string, last []byte, from time.Time) (time.Duration, error) {
	sentence := last[bytes.LastIndexByte(bytes.TrimRight(last, "\n"), '\n')+1:]
	sentence = bytes.TrimSpace(sentence)
	var book, index time.Time
	deadline := time.After(2 * time.Minute)
	for book.IsZero() || index.IsZero() {
		select {
		case m, ok := <-msgs:
			if !ok {
				return 0, errors.New("connection closed")
			}
			if m.index {
				index = m.at
			}
			if slices.ContainsFunc(m.pages, func(p string) bool { return strings.HasSuffix(p, "/print/index.html") }) {
				body, err := get("http://" + addr + "/en/print/")
				if err != nil {
					return 0, err
				}
				if bytes.Contains(body, sentence) {
					book = m.at
				}
			}
		case <-deadline:
			return 0, fmt.Errorf("no print book with %q and search index in 2 minutes (book %v, index %v)", sentence, !book.IsZero(), !index.IsZero())
		}
	}
	end := book
	if index.After(end) {
		end = index
	}
	return end.Sub(from), nil
}

// get fetches a page's body.
func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
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
	for scenario == "burst" && strings.Contains(p, string(filepath.Separator)+"releases-") {
		p = arts[rnd.IntN(len(arts))] // release notes are not in the print book, whose update settle waits for
	}
	rel, _ := filepath.Rel(content, p)
	page := "en/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/index.html"
	switch scenario {
	case "body", "title", "burst":
		b, err := os.ReadFile(p)
		if err != nil {
			return "", nil, "", err
		}
		switch scenario {
		case "body":
			return p, fmt.Appendf(bytes.TrimRight(b, "\n"), "\n\nEdited for the benchmark, edit %d.\n", k), page, nil
		case "burst":
			return p, fmt.Appendf(bytes.TrimRight(b, "\n"), "\n\nSaved back to back, burst edit %d.\n", k), page, nil
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
			if !m.index && (m.pages == nil || slices.Contains(m.pages, page)) {
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
			} else if ok && name == "index" {
				out <- message{at: time.Now(), index: true}
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

func table(w io.Writer, rows []row, scenarios []string, edits int, gap time.Duration) {
	fmt.Fprintf(w, "live preview: time from file write to reload message, %d edits per scenario, %s between edits (burst: none)\n", edits, gap)
	fmt.Fprintf(w, "%-14s %-6s %9s %9s %9s %9s %10s %9s\n", "tool", "edit", "p50_ms", "p95_ms", "min_ms", "max_ms", "startup_s", "settle_ms")
	by := map[string]row{}
	for _, r := range rows {
		by[r.tool+"/"+r.scenario] = r
		slices.Sort(r.lat)
		settle := "-"
		if r.settle > 0 {
			settle = ms(r.settle)
		}
		fmt.Fprintf(w, "%-14s %-6s %9s %9s %9s %9s %10.1f %9s\n", r.tool, r.scenario, ms(pct(r.lat, 50)), ms(pct(r.lat, 95)), ms(r.lat[0]), ms(r.lat[len(r.lat)-1]), r.startup.Seconds(), settle)
	}
	for _, peer := range []string{"deskbook-base", "hugo"} {
		for _, sc := range scenarios {
			d, okD := by["deskbook/"+sc]
			h, okH := by[peer+"/"+sc]
			if okD && okH {
				fmt.Fprintf(w, "deskbook/%-13s %-6s p50 %5.2fx   p95 %5.2fx\n", peer, sc,
					float64(pct(d.lat, 50))/float64(pct(h.lat, 50)), float64(pct(d.lat, 95))/float64(pct(h.lat, 95)))
			}
		}
	}
	fmt.Fprintln(w, "settle_ms: after a burst, from the last edit's reload until the print book shows it and a search index was served after it")
}
