// Command goroutines_footprint is the Go twin of go4j's io.go4j.bench.GoroutineFootprint:
// the memory half of B7 and B8 (docs/BENCHMARKS.md), what a million goroutines cost. Each
// measurement runs once in a fresh process (the peak resident set, VmHWM, only grows): with
// no "run" argument the program runs itself once per scenario.
//
// B7: start and join n goroutines (wg.Add(n); n × go func() { wg.Done() }(); wg.Wait()), once,
// after a warm-up round of 10,000. hwm = growth of VmHWM (/proc/self/status) over that round,
// per goroutine: the peak memory needed to start and join them. startMs: the round's time.
//
// B8: n goroutines blocked at once in a receive on one unbuffered channel, after a warm-up
// round of 10,000. Go cannot tell whether a goroutine is parked: the program waits until all
// have started (a WaitGroup counted down just before the receive) and sleeps 10 ms. heap =
// (HeapAlloc + StackInuse) of runtime.ReadMemStats after runtime.GC(), after minus before,
// per goroutine: the live bytes per blocked goroutine (its g, stack and sudog); rss and hwm =
// VmRSS and VmHWM after minus before, per goroutine; sys = MemStats.Sys after minus before.
// Then the channel is closed and wakeMs is the time until the last goroutine has called
// woken.Done() (one cold shot; the benchmark figure is BenchmarkB8WakeAll's). startMs: the
// time to start them all (and the 10 ms sleep).
//
// Output: a human-readable line and one machine-readable line per measurement, read by the
// Java report (io.go4j.bench.Report, footprint=...):
//
//	FOOTPRINT scenario=B8 impl=go n=1000000 heap=2712.0 rss=2800.1 hwm=2790.3 startMs=512.3 wakeMs=210.1 sys=2900.0
//
// Run (standard library only; Linux for rss and hwm):
//
//	cd go4j-bench/go/goroutines_footprint && GOMAXPROCS=2 GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local go run . [n]
//	go run . run B8 [n]    # one measurement, in this process
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

const defaultN = 1000000
const warmUp = 10000

func main() {
	if len(os.Args) >= 3 && os.Args[1] == "run" {
		n := defaultN
		if len(os.Args) > 3 {
			n = atoi(os.Args[3])
		}
		switch os.Args[2] {
		case "B7":
			b7(n)
		case "B8":
			b8(n)
		default:
			fmt.Fprintln(os.Stderr, "scenario: B7 or B8")
			os.Exit(2)
		}
		return
	}
	n := defaultN
	if len(os.Args) > 1 {
		n = atoi(os.Args[1])
	}
	fmt.Printf("goroutine footprint, n = %d, one fresh process per line (%s, GOMAXPROCS=%d)\n",
		n, runtime.Version(), runtime.GOMAXPROCS(0))
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "goroutines_footprint:", err)
		os.Exit(1)
	}
	failed := false
	for _, sc := range []string{"B7", "B8"} {
		cmd := exec.Command(self, "run", sc, strconv.Itoa(n))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "goroutines_footprint: %s failed: %v\n", sc, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

func atoi(s string) int {
	v, err := strconv.Atoi(s)
	if err != nil || v <= 0 {
		fmt.Fprintln(os.Stderr, "usage: goroutines_footprint [n] | run B7|B8 [n]")
		os.Exit(2)
	}
	return v
}

// startJoin is B7's body, as BenchmarkB7StartJoin's round.
func startJoin(n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() { wg.Done() }()
	}
	wg.Wait()
}

func b7(n int) {
	startJoin(warmUp)
	runtime.GC()
	hwm0 := procStatus("VmHWM")
	t0 := time.Now()
	startJoin(n)
	t1 := time.Now()
	hwm1 := procStatus("VmHWM")
	report("B7", n, math.NaN(), math.NaN(), perG(hwm1, hwm0, n), ms(t1.Sub(t0)), math.NaN(), math.NaN())
}

// blockAndWake is B8's body: n goroutines blocked on one channel, measured if print, then
// woken by close.
func blockAndWake(n int, print bool) {
	var before runtime.MemStats
	if print {
		readAfterGC(&before)
	}
	rss0, hwm0 := procStatus("VmRSS"), procStatus("VmHWM")
	t0 := time.Now()
	ch := make(chan struct{})
	var started, woken sync.WaitGroup
	started.Add(n)
	woken.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-ch
			woken.Done()
		}()
	}
	started.Wait()
	time.Sleep(10 * time.Millisecond) // the last few from started.Done() to the receive
	t1 := time.Now()
	var after runtime.MemStats
	if print {
		readAfterGC(&after)
	}
	rss1, hwm1 := procStatus("VmRSS"), procStatus("VmHWM")
	t2 := time.Now()
	close(ch)
	woken.Wait()
	t3 := time.Now()
	if print {
		live0 := int64(before.HeapAlloc + before.StackInuse)
		live1 := int64(after.HeapAlloc + after.StackInuse)
		report("B8", n, perG(live1, live0, n), perG(rss1, rss0, n), perG(hwm1, hwm0, n),
			ms(t1.Sub(t0)), ms(t3.Sub(t2)), perG(int64(after.Sys), int64(before.Sys), n))
	}
}

func b8(n int) {
	blockAndWake(warmUp, false)
	blockAndWake(n, true)
}

func readAfterGC(m *runtime.MemStats) {
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(m)
}

func report(scenario string, n int, heap, rss, hwm, startMs, wakeMs, sys float64) {
	fmt.Printf("%-3s %-5s n=%d: heap %s B/goroutine, RSS %s B/goroutine, peak RSS %s B/goroutine, start %s ms, wake %s ms, Sys %s B/goroutine\n",
		scenario, "go", n, f(heap), f(rss), f(hwm), f(startMs), f(wakeMs), f(sys))
	fmt.Printf("FOOTPRINT scenario=%s impl=go n=%d heap=%s rss=%s hwm=%s startMs=%s wakeMs=%s sys=%s\n",
		scenario, n, g(heap), g(rss), g(hwm), g(startMs), g(wakeMs), g(sys))
}

func f(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func g(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// perG is (after - before) / n, or NaN if a figure is unknown (negative).
func perG(after, before int64, n int) float64 {
	if after < 0 || before < 0 {
		return math.NaN()
	}
	return float64(after-before) / float64(n)
}

// procStatus returns a kB field of /proc/self/status in bytes (VmRSS: resident now; VmHWM:
// the peak resident set so far), or -1 if unknown.
func procStatus(field string) int64 {
	fh, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, field+":") {
			fs := strings.Fields(line[len(field)+1:])
			if len(fs) > 0 {
				if v, err := strconv.ParseInt(fs[0], 10, 64); err == nil {
					return v * 1024
				}
			}
		}
	}
	return -1
}
