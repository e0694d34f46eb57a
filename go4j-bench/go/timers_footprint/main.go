// Command timers_footprint is the Go twin of go4j's io.go4j.time.TimerFootprint: what a
// pending timer costs. For 1,000,000 time.AfterFunc timers and 1,000,000 time.NewTimer
// timers, all with a one-hour deadline and all pending at once, it prints the heap bytes
// per timer (runtime.MemStats.HeapAlloc after runtime.GC(), after minus before, divided by
// the count: a rough figure) and the nanoseconds per creation and per Stop (single
// goroutine, wall clock over the whole loop, after a warm-up round). The slice that holds
// the timers is allocated before the "before" figure, so it is not counted.
//
// Run (standard library only):
//
//	cd go4j-bench/go/timers_footprint && GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local go run . [count]
//
// With Go < 1.23 (Debian's Go 1.19), every pending timer sits in its P's timer heap,
// including NewTimer's; Go 1.23+ keeps a NewTimer timer out of the heap until a goroutine
// blocks on its channel.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

func main() {
	n := 1_000_000
	if len(os.Args) > 1 {
		v, err := strconv.Atoi(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "usage: timers_footprint [count]")
			os.Exit(2)
		}
		n = v
	}
	fmt.Printf("Go timers, %d pending at once, deadline 1h (%s, GOMAXPROCS=%d)\n",
		n, runtime.Version(), runtime.GOMAXPROCS(0))
	fmt.Printf("%-10s %14s %12s %10s\n", "kind", "bytes/timer", "ns/create", "ns/stop")
	f := func() {}
	for round := 0; round < 2; round++ { // round 0 warms up; round 1 is printed
		measure("AfterFunc", n, round == 1, func() *time.Timer { return time.AfterFunc(time.Hour, f) })
		measure("NewTimer", n, round == 1, func() *time.Timer { return time.NewTimer(time.Hour) })
	}
}

func measure(kind string, n int, print bool, make1 func() *time.Timer) {
	timers := make([]*time.Timer, n)
	before := heapAfterGC()
	t0 := time.Now()
	for i := range timers {
		timers[i] = make1()
	}
	t1 := time.Now()
	after := heapAfterGC()
	t2 := time.Now()
	for _, t := range timers {
		t.Stop()
	}
	t3 := time.Now()
	if print {
		fmt.Printf("%-10s %14.1f %12.1f %10.1f\n", kind,
			float64(int64(after)-int64(before))/float64(n),
			float64(t1.Sub(t0).Nanoseconds())/float64(n),
			float64(t3.Sub(t2).Nanoseconds())/float64(n))
	}
	runtime.KeepAlive(timers)
}

func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
