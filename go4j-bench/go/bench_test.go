// Package go4jbench holds the Go "twin" benchmarks for the Java channels
// library's benchmark suite (B1..B13). Only the standard library
// is used.
//
// In every benchmark b.N counts elements: ns/op is nanoseconds per element
// (or per round trip for B1, per select for B5SelectDefaultIdle and
// B9SelectTimeout, per timer for B9Timers, per context for
// B10ContextWithTimeout, per tree for B10ContextTree, per lock/unlock pair or
// WaitGroup operation for B11, per round of 1,000,000 goroutines for B7 and
// B8, per sieve run of 2,000 primes for B12, per pipeline run of 1,000,000
// items for B13).
//
// Every benchmark body is written as a run* function that takes the element
// count and a timer controller, so the same code is exercised by
// TestNoGoroutineLeaks (plain `go test`) with small counts to prove that all
// goroutines started by a round have exited before the round returns.
package go4jbench

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// timer is the subset of *testing.B used by the run* functions.
type timer interface {
	ResetTimer()
	StartTimer()
	StopTimer()
}

type noTimer struct{}

func (noTimer) ResetTimer() {}
func (noTimer) StartTimer() {}
func (noTimer) StopTimer()  {}

// share returns how many of n elements worker i of k gets (even split,
// remainder spread over the first n%k workers).
func share(n, k, i int) int {
	s := n / k
	if i < n%k {
		s++
	}
	return s
}

// sink defeats dead-code elimination of received values.
var sink int

// ---------------------------------------------------------------- B1

// runB1 performs n round trips between the caller and an echo goroutine over
// two unbuffered channels.
func runB1(n int, t timer) {
	ping := make(chan int)
	pong := make(chan int)
	done := make(chan struct{})
	go func() {
		for v := range ping {
			pong <- v
		}
		close(done)
	}()
	t.ResetTimer()
	s := 0
	for i := 0; i < n; i++ {
		ping <- i
		s += <-pong
	}
	t.StopTimer()
	close(ping)
	<-done
	sink = s
}

func BenchmarkB1PingPong(b *testing.B) { runB1(b.N, b) }

// ---------------------------------------------------------------- B2

// runB2: one producer goroutine sends n ints on a buffered channel of the
// given capacity; the calling goroutine receives them.
func runB2(n, capacity int, t timer) {
	ch := make(chan int, capacity)
	done := make(chan struct{})
	t.ResetTimer()
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
		close(done)
	}()
	s := 0
	for v := range ch {
		s += v
	}
	t.StopTimer()
	<-done
	sink = s
}

func BenchmarkB2SPSC(b *testing.B) {
	for _, c := range []int{16, 100} {
		c := c
		b.Run(fmt.Sprintf("cap=%d", c), func(b *testing.B) { runB2(b.N, c, b) })
	}
}

// ---------------------------------------------------------------- B3

const b3Pairs = 10000

// runB3: 10,000 independent producer/consumer pairs, each with its own
// channel; n elements in total split evenly across the pairs. All goroutines
// are started before the timer and released together by closing start.
func runB3(n, capacity int, t timer) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2 * b3Pairs)
	for p := 0; p < b3Pairs; p++ {
		ch := make(chan int, capacity)
		cnt := share(n, b3Pairs, p)
		go func() { // producer
			defer wg.Done()
			<-start
			for i := 0; i < cnt; i++ {
				ch <- i
			}
			close(ch)
		}()
		go func() { // consumer
			defer wg.Done()
			s := 0
			for v := range ch {
				s += v
			}
			_ = s
		}()
	}
	t.ResetTimer()
	close(start)
	wg.Wait()
	t.StopTimer()
}

func BenchmarkB3Pairs(b *testing.B) {
	for _, c := range []int{0, 16} {
		c := c
		b.Run(fmt.Sprintf("cap=%d", c), func(b *testing.B) { runB3(b.N, c, b) })
	}
}

// ---------------------------------------------------------------- B4

const b4Chain = 10000

// runB4: a chain of 10,000 goroutines, each receiving from its left channel
// and sending to its right one (the shape of Go's test/chan/goroutines.go).
// The chain is built before the timer starts; then n values are pushed into
// the head (from a feeder goroutine, so that an unbuffered chain cannot
// deadlock) and read from the tail by the benchmark goroutine. Values are
// pipelined, so ns/op is the end-to-end cost per value at steady state
// (total time / n). Closing the head tears the chain down stage by stage.
func runB4(n, capacity int, t timer) {
	head := make(chan int, capacity)
	left := head
	for i := 0; i < b4Chain; i++ {
		right := make(chan int, capacity)
		go func(l <-chan int, r chan<- int) {
			for v := range l {
				r <- v
			}
			close(r)
		}(left, right)
		left = right
	}
	tail := left
	feederDone := make(chan struct{})
	t.ResetTimer()
	go func() {
		for i := 0; i < n; i++ {
			head <- i
		}
		close(feederDone)
	}()
	s := 0
	for i := 0; i < n; i++ {
		s += <-tail
	}
	t.StopTimer()
	<-feederDone
	close(head)
	// Wait for the close to propagate: tail is closed only after every
	// stage has left its loop.
	for range tail {
	}
	sink = s
}

func BenchmarkB4Chain(b *testing.B) {
	for _, c := range []int{0, 16} {
		c := c
		b.Run(fmt.Sprintf("cap=%d", c), func(b *testing.B) { runB4(b.N, c, b) })
	}
}

// ---------------------------------------------------------------- B5

// startProducers starts one producer per channel; producer i sends its share
// of n elements on chans[i] and exits (channels are not closed: a closed
// channel would make its select case permanently ready).
func startProducers(n int, chans []chan int, wg *sync.WaitGroup) {
	wg.Add(len(chans))
	for i, ch := range chans {
		cnt := share(n, len(chans), i)
		go func(ch chan<- int, cnt int) {
			defer wg.Done()
			for j := 0; j < cnt; j++ {
				ch <- j
			}
		}(ch, cnt)
	}
}

// runB5Select2: one consumer selects over 2 unbuffered channels, each fed by
// its own producer, n receives in total.
func runB5Select2(n int, t timer) {
	chans := []chan int{make(chan int), make(chan int)}
	var wg sync.WaitGroup
	t.ResetTimer()
	startProducers(n, chans, &wg)
	c0, c1 := chans[0], chans[1]
	s := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-c0:
			s += v
		case v := <-c1:
			s += v
		}
	}
	t.StopTimer()
	wg.Wait()
	sink = s
}

// runB5Select4: as runB5Select2 with 4 channels / producers.
func runB5Select4(n int, t timer) {
	chans := []chan int{make(chan int), make(chan int), make(chan int), make(chan int)}
	var wg sync.WaitGroup
	t.ResetTimer()
	startProducers(n, chans, &wg)
	c0, c1, c2, c3 := chans[0], chans[1], chans[2], chans[3]
	s := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-c0:
			s += v
		case v := <-c1:
			s += v
		case v := <-c2:
			s += v
		case v := <-c3:
			s += v
		}
	}
	t.StopTimer()
	wg.Wait()
	sink = s
}

func BenchmarkB5Select(b *testing.B) {
	b.Run("2", func(b *testing.B) { runB5Select2(b.N, b) })
	b.Run("4", func(b *testing.B) { runB5Select4(b.N, b) })
}

// runB5SelectDefaultIdle: n non-blocking selects (with default) on an idle
// channel. No goroutines involved.
func runB5SelectDefaultIdle(n int, t timer) {
	ch := make(chan int)
	s := 0
	t.ResetTimer()
	for i := 0; i < n; i++ {
		select {
		case v := <-ch:
			s += v
		default:
			s++
		}
	}
	t.StopTimer()
	sink = s
}

func BenchmarkB5SelectDefaultIdle(b *testing.B) { runB5SelectDefaultIdle(b.N, b) }

// ---------------------------------------------------------------- B6

const b6Producers, b6Consumers = 4, 4

// runB6: 4 producers and 4 consumers on one shared channel, n elements in
// total (split evenly among producers). The channel is closed once all
// producers are done; the round ends when all consumers have drained it.
func runB6(n, capacity int, t timer) {
	ch := make(chan int, capacity)
	var prod, cons sync.WaitGroup
	var mu sync.Mutex
	total := 0
	t.ResetTimer()
	prod.Add(b6Producers)
	for p := 0; p < b6Producers; p++ {
		cnt := share(n, b6Producers, p)
		go func() {
			defer prod.Done()
			for i := 0; i < cnt; i++ {
				ch <- i
			}
		}()
	}
	cons.Add(b6Consumers)
	for c := 0; c < b6Consumers; c++ {
		go func() {
			defer cons.Done()
			k := 0
			for range ch {
				k++
			}
			mu.Lock()
			total += k
			mu.Unlock()
		}()
	}
	prod.Wait()
	close(ch)
	cons.Wait()
	t.StopTimer()
	if total != n {
		panic(fmt.Sprintf("B6: received %d of %d", total, n))
	}
}

func BenchmarkB6Contended(b *testing.B) {
	for _, c := range []int{0, 100} {
		c := c
		b.Run(fmt.Sprintf("cap=%d", c), func(b *testing.B) { runB6(b.N, c, b) })
	}
}

// ---------------------------------------------------------------- B7

// b7Goroutines is the number of goroutines per round of B7 and B8.
const b7Goroutines = 1000000

// runB7StartJoin: rounds times, start per goroutines that only call
// wg.Done() and wait for them all (wg.Add(per) once per round). ns/op is ns
// per round of a million (the report shows ms). The memory half of B7 (peak
// RSS) is measured by goroutines_footprint, not here.
func runB7StartJoin(rounds, per int, t timer) {
	t.ResetTimer()
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		wg.Add(per)
		for i := 0; i < per; i++ {
			go func() { wg.Done() }()
		}
		wg.Wait()
	}
	t.StopTimer()
}

func BenchmarkB7StartJoin(b *testing.B) { runB7StartJoin(b.N, b7Goroutines, b) }

// ---------------------------------------------------------------- B8

// runB8WakeAll: rounds times, with the timer stopped, start per goroutines
// that each block in a receive on one unbuffered channel and then call
// woken.Done(); wait until all have started, then sleep 10 ms so that the few
// between started.Done() and the receive park too (Go offers no way to see
// that a goroutine is parked; the Java side checks each one). The measured
// part closes the channel and waits in woken.Wait(). ns/op is ns per round
// of a million woken (the report shows ms). The memory half of B8 (bytes per
// blocked goroutine) is measured by goroutines_footprint, not here.
func runB8WakeAll(rounds, per int, t timer) {
	for r := 0; r < rounds; r++ {
		t.StopTimer()
		ch := make(chan struct{})
		var started, woken sync.WaitGroup
		started.Add(per)
		woken.Add(per)
		for i := 0; i < per; i++ {
			go func() {
				started.Done()
				<-ch
				woken.Done()
			}()
		}
		started.Wait()
		time.Sleep(10 * time.Millisecond)
		t.StartTimer()
		close(ch)
		woken.Wait()
	}
	t.StopTimer()
}

func BenchmarkB8WakeAll(b *testing.B) { runB8WakeAll(b.N, b7Goroutines, b) }

// ---------------------------------------------------------------- B9

const b9Batch = 1000000

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// b9Noop is the function of the AfterFunc timers; it never runs (every
// timer is stopped long before its hour is up).
func b9Noop() {}

// runB9Timers starts n timers due in one hour and stops them, in batches of
// up to 1,000,000: every timer of a batch is started (and kept in a slice),
// then every one is stopped; each Stop must report a pending timer. ns/op is
// ns per timer, start and stop together. afterFunc selects time.AfterFunc(1h,
// f), else time.NewTimer(1h).
func runB9Timers(n int, afterFunc bool, t timer) {
	ts := make([]*time.Timer, minInt(n, b9Batch))
	t.ResetTimer()
	for done := 0; done < n; {
		k := minInt(n-done, len(ts))
		if afterFunc {
			for i := 0; i < k; i++ {
				ts[i] = time.AfterFunc(time.Hour, b9Noop)
			}
		} else {
			for i := 0; i < k; i++ {
				ts[i] = time.NewTimer(time.Hour)
			}
		}
		for i := 0; i < k; i++ {
			if !ts[i].Stop() {
				panic("B9: Stop found a timer that was not pending")
			}
		}
		done += k
	}
	t.StopTimer()
}

func BenchmarkB9Timers(b *testing.B) {
	b.Run("AfterFunc", func(b *testing.B) { runB9Timers(b.N, true, b) })
	b.Run("NewTimer", func(b *testing.B) { runB9Timers(b.N, false, b) })
}

// runB9SelectTimeout: n times, put a value into a buffered channel of
// capacity 1, then select between it and a fresh time.After(1s); the ready
// value always wins. ns/op is ns per select (with its refill). On Go 1.19
// every time.After timer stays in the timer heap until it fires, a second
// later.
func runB9SelectTimeout(n int, t timer) {
	ready := make(chan int, 1)
	s := 0
	t.ResetTimer()
	for i := 0; i < n; i++ {
		ready <- i
		select {
		case v := <-ready:
			s += v
		case <-time.After(time.Second):
			s--
		}
	}
	t.StopTimer()
	sink = s
}

func BenchmarkB9SelectTimeout(b *testing.B) { runB9SelectTimeout(b.N, b) }

// ---------------------------------------------------------------- B10

// runB10WithTimeout: n times, create a context.WithTimeout(Background, 10s)
// and cancel it at once. ns/op is ns per context.
func runB10WithTimeout(n int, t timer) {
	bg := context.Background()
	t.ResetTimer()
	for i := 0; i < n; i++ {
		_, cancel := context.WithTimeout(bg, 10*time.Second)
		cancel()
	}
	t.StopTimer()
}

func BenchmarkB10ContextWithTimeout(b *testing.B) { runB10WithTimeout(b.N, b) }

// The tree: a root context.WithCancel(Background) with b10Chains children,
// each the head of a chain of b10Chain WithCancel contexts: 100 x 1,000 =
// 100,000 descendants.
const b10Chains, b10Chain = 100, 1000

// b10Child returns a WithCancel child of parent. Its own cancel function is
// not needed: the root's cancel releases the whole tree (as in the Java twin,
// whose contexts are their own cancel functions).
func b10Child(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	_ = cancel
	return ctx
}

// b10Build builds the tree and returns its root's cancel function and the
// last context of every chain.
func b10Build() (context.CancelFunc, []context.Context) {
	root, cancel := context.WithCancel(context.Background())
	leaves := make([]context.Context, b10Chains)
	for c := 0; c < b10Chains; c++ {
		ctx := root
		for d := 0; d < b10Chain; d++ {
			ctx = b10Child(ctx)
		}
		leaves[c] = ctx
	}
	return cancel, leaves
}

func b10Check(leaves []context.Context) {
	for _, l := range leaves {
		if l.Err() != context.Canceled {
			panic(fmt.Sprintf("B10: a descendant was not cancelled: %v", l.Err()))
		}
	}
}

// runB10TreeCancel: n trees, each built with the timer stopped; only the
// root's cancel (which cancels all 100,000 descendants) is measured. ns/op
// is ns per tree.
func runB10TreeCancel(n int, t timer) {
	for i := 0; i < n; i++ {
		t.StopTimer()
		cancel, leaves := b10Build()
		t.StartTimer()
		cancel()
		t.StopTimer()
		b10Check(leaves)
		t.StartTimer()
	}
	t.StopTimer()
}

// runB10TreeBuildCancel: n trees, each built and cancelled, both measured.
func runB10TreeBuildCancel(n int, t timer) {
	t.ResetTimer()
	for i := 0; i < n; i++ {
		cancel, leaves := b10Build()
		cancel()
		b10Check(leaves)
	}
	t.StopTimer()
}

func BenchmarkB10ContextTree(b *testing.B) {
	b.Run("cancel", func(b *testing.B) { runB10TreeCancel(b.N, b) })
	b.Run("build+cancel", func(b *testing.B) { runB10TreeBuildCancel(b.N, b) })
}

// ---------------------------------------------------------------- B11

const b11Goroutines = 8

// runB11Mutex: 8 goroutines share n iterations of Lock; counter++; Unlock on
// one sync.Mutex. ns/op is aggregate ns per lock/unlock pair.
func runB11Mutex(n int, t timer) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	t.ResetTimer()
	wg.Add(b11Goroutines)
	for g := 0; g < b11Goroutines; g++ {
		cnt := share(n, b11Goroutines, g)
		go func() {
			defer wg.Done()
			for i := 0; i < cnt; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.StopTimer()
	if counter != n {
		panic(fmt.Sprintf("B11: counter %d, expected %d", counter, n))
	}
}

func BenchmarkB11Mutex(b *testing.B) { runB11Mutex(b.N, b) }

// runB11WaitGroupAddDone: n times wg.Add(1); wg.Done() on one goroutine.
func runB11WaitGroupAddDone(n int, t timer) {
	var wg sync.WaitGroup
	t.ResetTimer()
	for i := 0; i < n; i++ {
		wg.Add(1)
		wg.Done()
	}
	t.StopTimer()
	wg.Wait() // the counter is zero: returns at once
}

func BenchmarkB11WaitGroupAddDone(b *testing.B) { runB11WaitGroupAddDone(b.N, b) }

// runB11WaitGroupFanIn: wg.Add(n), 8 goroutines share n wg.Done() calls, the
// benchmark goroutine waits in wg.Wait(). ns/op is aggregate ns per Done.
func runB11WaitGroupFanIn(n int, t timer) {
	var wg sync.WaitGroup
	var exited sync.WaitGroup
	t.ResetTimer()
	wg.Add(n)
	exited.Add(b11Goroutines)
	for g := 0; g < b11Goroutines; g++ {
		cnt := share(n, b11Goroutines, g)
		go func() {
			defer exited.Done()
			for i := 0; i < cnt; i++ {
				wg.Done()
			}
		}()
	}
	wg.Wait()
	t.StopTimer()
	exited.Wait()
}

func BenchmarkB11WaitGroupFanIn(b *testing.B) { runB11WaitGroupFanIn(b.N, b) }

// runB11RWMutex: 8 goroutines share n operations on one sync.RWMutex; a
// goroutine's operation i is a write (Lock; counter++; Unlock) when i%10 ==
// 0, else a read (RLock; s += counter; RUnlock): 90 % reads. ns/op is
// aggregate ns per operation.
func runB11RWMutex(n int, t timer) {
	var mu sync.RWMutex
	var wg sync.WaitGroup
	counter := 0
	sums := make([]int, b11Goroutines)
	want := 0
	t.ResetTimer()
	wg.Add(b11Goroutines)
	for g := 0; g < b11Goroutines; g++ {
		cnt := share(n, b11Goroutines, g)
		want += (cnt + 9) / 10
		slot := g
		go func() {
			defer wg.Done()
			s := 0
			for i := 0; i < cnt; i++ {
				if i%10 == 0 {
					mu.Lock()
					counter++
					mu.Unlock()
				} else {
					mu.RLock()
					s += counter
					mu.RUnlock()
				}
			}
			sums[slot] = s
		}()
	}
	wg.Wait()
	t.StopTimer()
	if counter != want {
		panic(fmt.Sprintf("B11: counter %d, expected %d", counter, want))
	}
	sink = sums[0]
}

func BenchmarkB11RWMutex(b *testing.B) { runB11RWMutex(b.N, b) }

// ---------------------------------------------------------------- B12

// B12: the prime sieve of Go's test/chan/sieve1.go — a generator sends 2, 3,
// 4, ... on an unbuffered channel; a Sieve goroutine receives a prime from
// the end of the chain, sends it on the unbuffered primes channel and appends
// a Filter goroutine for it; the benchmark goroutine receives the first
// b12Primes primes (each checked). ns/op is ns per sieve run (the report shows
// it in ms). sieve1 never stops its goroutines; here a done channel stops
// them after the measured part: the generator selects between its send and
// done (and closes its channel), each Filter closes its output when its
// input is closed, and the Sieve goroutine, after its primes, waits for done
// and drains the end of the chain. The timer runs only while the benchmark
// goroutine receives the primes; stopping and joining run with it stopped.
const b12Primes = 2000

// b12Expected holds the first b12Primes primes (trial division).
var b12Expected = b12FirstPrimes(b12Primes)

func b12FirstPrimes(n int) []int {
	ps := make([]int, 0, n)
	for c := 2; len(ps) < n; c++ {
		prime := true
		for _, p := range ps {
			if p*p > c {
				break
			}
			if c%p == 0 {
				prime = false
				break
			}
		}
		if prime {
			ps = append(ps, c)
		}
	}
	return ps
}

// b12Generate is sieve1's Generate plus the done case.
func b12Generate(ch chan<- int, done <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 2; ; i++ {
		select {
		case ch <- i:
		case <-done:
			close(ch)
			return
		}
	}
}

// b12Filter is sieve1's Filter plus close(out) when in is closed.
func b12Filter(in <-chan int, out chan<- int, prime int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := range in {
		if i%prime != 0 {
			out <- i
		}
	}
	close(out)
}

// b12Sieve is sieve1's Sieve, bounded to n primes, then stopping: it waits
// for done and drains the last channel until the close reaches it.
func b12Sieve(n int, primes chan<- int, done <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	ch := make(chan int)
	wg.Add(1)
	go b12Generate(ch, done, wg)
	for k := 0; k < n; k++ {
		prime := <-ch
		primes <- prime
		ch1 := make(chan int)
		wg.Add(1)
		go b12Filter(ch, ch1, prime, wg)
		ch = ch1
	}
	<-done
	for range ch {
	}
}

// runB12Sieve runs one sieve of n primes, timed from the Sieve goroutine's
// start to the n-th prime received, then stops and joins every goroutine
// with the timer stopped.
func runB12Sieve(n int, t timer) {
	primes := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	t.StartTimer()
	go b12Sieve(n, primes, done, &wg)
	for i := 0; i < n; i++ {
		if p := <-primes; p != b12Expected[i] {
			panic(fmt.Sprintf("B12: prime %d is %d, expected %d", i, p, b12Expected[i]))
		}
	}
	t.StopTimer()
	close(done)
	wg.Wait()
}

// runB12: n sieve runs of b12Primes primes each.
func runB12(n int, t timer) {
	t.StopTimer()
	t.ResetTimer()
	for i := 0; i < n; i++ {
		runB12Sieve(b12Primes, t)
	}
}

func BenchmarkB12Sieve(b *testing.B) { runB12(b.N, b) }

// ---------------------------------------------------------------- B13

// B13: a pipeline generator -> 4 parallel workers -> merge -> sink over
// channels of capacity 0 (unbuffered) and 16, both the input channel and the
// merge channel. ns/op is ns per pipeline run of b13Items items (the report
// shows it in ms).
const (
	b13Items   = 1000000
	b13Workers = 4
	b13Mask    = 1023 // items are i & 1023, as the Java side's pre-boxed values
)

// b13Work is the work per item, identical in every Java variant.
func b13Work(v int) int { return (v*v + 1) & b13Mask }

// b13Expected is the sink's sum of a run of the given number of items.
func b13Expected(items int) int {
	s := 0
	for i := 0; i < items; i++ {
		s += b13Work(i & b13Mask)
	}
	return s
}

// runB13Pipeline runs one pipeline of the given number of items: a generator
// goroutine sends them on in and closes it; 4 worker goroutines range over
// in and send b13Work(v) on out; a closer goroutine closes out once a
// WaitGroup says all workers are done; the calling goroutine sums out. When
// it returns, the generator and workers have ended and the closer is ending.
func runB13Pipeline(items, capacity int) int {
	in := make(chan int, capacity)
	out := make(chan int, capacity)
	go func() {
		for i := 0; i < items; i++ {
			in <- i & b13Mask
		}
		close(in)
	}()
	var wg sync.WaitGroup
	wg.Add(b13Workers)
	for w := 0; w < b13Workers; w++ {
		go func() {
			defer wg.Done()
			for v := range in {
				out <- b13Work(v)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	s := 0
	for v := range out {
		s += v
	}
	return s
}

// runB13: n pipeline runs of b13Items items each; every run's sum is checked.
func runB13(n, capacity int, t timer) {
	want := b13Expected(b13Items)
	t.ResetTimer()
	for i := 0; i < n; i++ {
		if s := runB13Pipeline(b13Items, capacity); s != want {
			panic(fmt.Sprintf("B13: sum %d, expected %d", s, want))
		}
	}
	t.StopTimer()
}

func BenchmarkB13Pipeline(b *testing.B) {
	for _, c := range []int{0, 16} {
		c := c
		b.Run(fmt.Sprintf("cap=%d", c), func(b *testing.B) { runB13(b.N, c, b) })
	}
}

// b13Leak runs one pipeline of n items (the leak test's "element" is an
// item here, not a run) and checks its sum.
func b13Leak(n, capacity int) {
	if s := runB13Pipeline(n, capacity); s != b13Expected(n) {
		panic(fmt.Sprintf("B13: sum %d, expected %d", s, b13Expected(n)))
	}
}

// ---------------------------------------------------------------- leak test

// TestNoGoroutineLeaks runs every benchmark body with a few element counts
// (including 0, 1 and counts smaller than the number of workers) and checks
// that the goroutine count returns to its baseline after each round.
func TestNoGoroutineLeaks(t *testing.T) {
	bodies := map[string]func(n int){
		"B1PingPong":                  func(n int) { runB1(n, noTimer{}) },
		"B2SPSC/cap=16":               func(n int) { runB2(n, 16, noTimer{}) },
		"B2SPSC/cap=100":              func(n int) { runB2(n, 100, noTimer{}) },
		"B3Pairs/cap=0":               func(n int) { runB3(n, 0, noTimer{}) },
		"B3Pairs/cap=16":              func(n int) { runB3(n, 16, noTimer{}) },
		"B4Chain/cap=0":               func(n int) { runB4(n, 0, noTimer{}) },
		"B4Chain/cap=16":              func(n int) { runB4(n, 16, noTimer{}) },
		"B5Select/2":                  func(n int) { runB5Select2(n, noTimer{}) },
		"B5Select/4":                  func(n int) { runB5Select4(n, noTimer{}) },
		"B5SelectDefaultIdle":         func(n int) { runB5SelectDefaultIdle(n, noTimer{}) },
		"B6Contended/cap=0":           func(n int) { runB6(n, 0, noTimer{}) },
		"B6Contended/cap=100":         func(n int) { runB6(n, 100, noTimer{}) },
		"B7StartJoin":                 func(n int) { runB7StartJoin(1, n, noTimer{}) },
		"B8WakeAll":                   func(n int) { runB8WakeAll(1, n, noTimer{}) },
		"B9Timers/AfterFunc":          func(n int) { runB9Timers(n, true, noTimer{}) },
		"B9Timers/NewTimer":           func(n int) { runB9Timers(n, false, noTimer{}) },
		"B9SelectTimeout":             func(n int) { runB9SelectTimeout(n, noTimer{}) },
		"B10ContextWithTimeout":       func(n int) { runB10WithTimeout(n, noTimer{}) },
		"B10ContextTree/cancel":       func(n int) { runB10TreeCancel(n, noTimer{}) },
		"B10ContextTree/build+cancel": func(n int) { runB10TreeBuildCancel(n, noTimer{}) },
		"B11Mutex":                    func(n int) { runB11Mutex(n, noTimer{}) },
		"B11WaitGroupAddDone":         func(n int) { runB11WaitGroupAddDone(n, noTimer{}) },
		"B11WaitGroupFanIn":           func(n int) { runB11WaitGroupFanIn(n, noTimer{}) },
		"B11RWMutex":                  func(n int) { runB11RWMutex(n, noTimer{}) },
		"B12Sieve":                    func(n int) { runB12Sieve(n, noTimer{}) },
		"B13Pipeline/cap=0":           func(n int) { b13Leak(n, 0) },
		"B13Pipeline/cap=16":          func(n int) { b13Leak(n, 16) },
	}
	for name, body := range bodies {
		counts := []int{0, 1, 3, 257, 10007} // 10007 > pairs in B3
		if strings.HasPrefix(name, "B4") {
			counts = []int{0, 1, 3, 257} // each value costs 10,000 hand-offs
		}
		if strings.HasPrefix(name, "B12") {
			counts = []int{0, 1, 3, 257, b12Primes} // the "element" is a prime (one sieve run)
		}
		if strings.HasPrefix(name, "B10ContextTree") {
			counts = []int{0, 1, 3} // each "element" is a tree of 100,000 contexts
		}
		for _, n := range counts {
			base := runtime.NumGoroutine()
			body(n)
			// A goroutine may still be between its last statement and exit
			// for a moment; allow a short grace period.
			deadline := time.Now().Add(2 * time.Second)
			for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			if g := runtime.NumGoroutine(); g > base {
				t.Errorf("%s n=%d: %d goroutines left (baseline %d)", name, n, g, base)
			}
		}
	}
}
