package io.go4j.examples.etl;

import io.go4j.Chan;
import io.go4j.Recv;
import io.go4j.RecvChan;
import io.go4j.Select;
import io.go4j.SendChan;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.sync.WaitGroup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import static io.go4j.Case.recv;
import static io.go4j.Case.send;

/**
 * A concurrent data pipeline over CSV files: seed 001's exercise 4 ("Implementar un sistema de
 * procesamiento de datos en pipeline": stages for reading, transformation, filtering,
 * aggregation and writing, connected by channels, with error handling along the pipeline and
 * the ability to cancel all of it), built from the seed's "El patrón Pipeline", "Cancelación
 * con Context", "El patrón Fan-Out, Fan-In" and "Errores en Pipelines".
 *
 * <pre>
 *   read ──rows──▶ transform ×N ──sales──▶ filter ──kept──▶ aggregate ──report──▶ write
 *  (CSV syntax,    (fan-out, fan-in:        (dates,          (per region and        (temp file,
 *   header)         parse the fields)        regions)          product; errors)       atomic move)
 * </pre>
 *
 * <h2>Go's rules, kept</h2>
 * Each stage is a function that takes a context and its input channel, starts its goroutine(s)
 * and returns its output channel, which it closes when it is done ({@code defer close(out)}).
 * Every send selects on {@code ctx.done()} too, so a cancelled pipeline never leaves a goroutine
 * blocked on a send; every receive is a {@code range} over a channel whose producer closes it
 * when it stops. {@link #run} waits for every goroutine before it returns (a
 * {@link WaitGroup} over all of them), so when it returns, nothing of the pipeline runs.
 *
 * <h2>Errors</h2>
 * As in the seed's "Errores en Pipelines", a malformed record travels down the pipeline as an
 * {@link Item} carrying its error ({@code Item{Err: ...}}), with its line number. Under
 * {@link ErrorPolicy#COLLECT} the aggregator collects it and the record is skipped; under
 * {@link ErrorPolicy#FAIL_FAST} the first one cancels the pipeline's context with the error as
 * its cause ({@code cancel(err)} of {@code WithCancelCause}), every stage stops, nothing is
 * written and {@link #run} throws it. Errors that make the input unreadable (no file, no
 * header, an I/O error) and output errors always stop the run the same way.
 *
 * <h2>No partial output</h2>
 * The writer writes into a temporary file in the output's directory and moves it over the
 * output in one atomic rename, only if the context is still live; the move is the commit point.
 * A failed or cancelled run leaves neither the output nor the temporary file.
 *
 * <h2>Output</h2>
 * A CSV file {@code region,product,orders,quantity,revenue}: one row per region and product,
 * sorted by region then product, each region followed by its subtotal (product {@code *}), and
 * a grand total last ({@code *,*}). Revenue is {@code sum(quantity * unit_price)}, exact, with
 * two decimals.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /** What a malformed record does to the run. */
    public enum ErrorPolicy {
        /** Skip the record, collect the error (reported with its line number), go on. */
        COLLECT,
        /** Cancel the whole pipeline on the first malformed record; write nothing. */
        FAIL_FAST
    }

    /**
     * Which sales the filter stage keeps: dates from {@code from} to {@code to} inclusive (null:
     * unbounded), regions in {@code regions} (empty: all).
     */
    public record Filter(LocalDate from, LocalDate to, Set<String> regions) {
        /** Keeps everything. */
        public static final Filter ALL = new Filter(null, null, Set.of());

        public Filter {
            regions = Set.copyOf(regions);
        }

        boolean keep(Sale s) {
            return (from == null || !s.date().isBefore(from))
                    && (to == null || !s.date().isAfter(to))
                    && (regions.isEmpty() || regions.contains(s.region()));
        }
    }

    /**
     * A run's settings. {@code onRecord} is called by the read stage, on its goroutine, with
     * the count of records read so far, after each record has been handed to the next stage (a
     * hook for progress reports, and for tests that cancel after k records).
     */
    public record Options(Path input, Path output, int workers, ErrorPolicy policy, Filter filter,
                          LongConsumer onRecord) {
        public Options {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(onRecord, "onRecord");
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + workers);
            }
        }

        /** Defaults: one transform worker per processor, {@link ErrorPolicy#COLLECT}, no filter. */
        public static Options of(Path input, Path output) {
            return new Options(input, output, Runtime.getRuntime().availableProcessors(),
                    ErrorPolicy.COLLECT, Filter.ALL, n -> { });
        }

        public Options withWorkers(int n) {
            return new Options(input, output, n, policy, filter, onRecord);
        }

        public Options withPolicy(ErrorPolicy p) {
            return new Options(input, output, workers, p, filter, onRecord);
        }

        public Options withFilter(Filter f) {
            return new Options(input, output, workers, policy, f, onRecord);
        }

        public Options withOnRecord(LongConsumer hook) {
            return new Options(input, output, workers, policy, filter, hook);
        }
    }

    /** A group of the aggregation: a region and a product. */
    public record Key(String region, String product) implements Comparable<Key> {
        private static final Comparator<Key> ORDER =
                Comparator.comparing(Key::region).thenComparing(Key::product);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /** The totals of a group: how many records, their quantity and revenue. */
    public record Totals(long orders, long quantity, BigDecimal revenue) {
        public static final Totals ZERO = new Totals(0, 0, new BigDecimal("0.00"));

        Totals plus(Sale s) {
            return new Totals(orders + 1, quantity + s.quantity(), revenue.add(s.revenue()));
        }

        Totals plus(Totals t) {
            return new Totals(orders + t.orders, quantity + t.quantity, revenue.add(t.revenue));
        }
    }

    /**
     * What a successful run computed and wrote: the totals per region and product (sorted),
     * the malformed records it skipped (by line), and the counts of records read, filtered
     * out and aggregated ({@code records == aggregated + filteredOut + errors.size()}).
     */
    public record Result(Map<Key, Totals> totals, List<LineError> errors, long records,
                         long filteredOut, long aggregated) {

        /** The totals per region, sorted by region. */
        public Map<String, Totals> regionTotals() {
            Map<String, Totals> m = new TreeMap<>();
            totals.forEach((k, t) -> m.merge(k.region(), t, Totals::plus));
            return m;
        }

        /** The totals of all records aggregated. */
        public Totals grandTotal() {
            return totals.values().stream().reduce(Totals.ZERO, Totals::plus);
        }
    }

    /**
     * An element of the pipeline: a value or the error of the record on {@code line} — the
     * seed's {@code type Item struct { Value int; Err error }}.
     */
    record Item<T>(long line, T value, LineError err) {
        static <T> Item<T> ok(long line, T value) {
            return new Item<>(line, value, null);
        }

        static <T> Item<T> error(LineError err) {
            return new Item<>(err.line(), null, err);
        }

        <U> Item<U> asError() {
            return new Item<>(line, null, err);
        }
    }

    /** Buffer of each stage's output channel: the seed's "Buffering y Batching". */
    static final int BUFFER = 256;

    /** The counters the stages share (Go: atomic.Int64). */
    private static final class Counters {
        final AtomicLong records = new AtomicLong();
        final AtomicLong filteredOut = new AtomicLong();
    }

    /**
     * Runs the pipeline on {@code opt.input()}, writing {@code opt.output()}, and returns what
     * it wrote. When it returns or throws, every goroutine of the pipeline has ended.
     *
     * @throws EtlException    the input or output failed, or (fail-fast) a record is malformed;
     *                         nothing was written
     * @throws ContextException {@code parent} was cancelled or its deadline passed before the
     *                         output was committed; nothing was written
     */
    public static Result run(Context parent, Options opt) throws EtlException {
        Counters counters = new Counters();
        WaitGroup wg = new WaitGroup();                                     // var wg sync.WaitGroup
        Recv<Result> written;
        try (CancelContext ctx = Context.withCancelCause(parent)) {        // ctx, cancel := context.WithCancelCause(parent); defer cancel(nil)
            RecvChan<Item<List<String>>> rows = read(ctx, wg, opt.input(), counters, opt.onRecord());
            RecvChan<Item<Sale>> sales = transform(ctx, wg, rows, opt.workers());
            RecvChan<Item<Sale>> kept = filter(ctx, wg, sales, opt.filter(), counters);
            RecvChan<Result> report = aggregate(ctx, wg, kept, opt.policy(), counters);
            RecvChan<Result> done = write(ctx, wg, report, opt.output());
            written = done.recvOk();                                        // res, ok := <-done
            wg.await();                                                     // wg.Wait()
            if (written.ok()) {
                return written.value();                                     // committed
            }
            if (Context.cause(ctx) instanceof EtlException e) {
                throw e;                                                    // return context.Cause(ctx)
            }
            if (parent.err() != null) {
                throw parent.err();                                         // return ctx.Err()
            }
            throw new IllegalStateException("pipeline ended without a result or an error");
        }
    }

    /** Go: {@code select { case out <- v: return true; case <-ctx.Done(): return false }}. */
    static <T> boolean sendOrDone(Context ctx, SendChan<T> out, T v) {
        return Select.select(
                send(out, v, () -> true),                                   // case out <- v:
                recv(ctx.done(), x -> false));                              // case <-ctx.Done():
    }

    /** Stops the pipeline with {@code err} as its cause; the first failure wins. */
    private static void fail(Context ctx, Throwable err) {
        ((CancelContext) ctx).cancel(err);                                  // cancel(err)
    }

    // ---- stage 1: read

    /**
     * Reads {@code path}: its header (which fixes the columns' order; a missing, duplicate or
     * unknown column stops the run) and then each record, reordered to {@link Sale#COLUMNS}, or
     * the record's CSV error.
     */
    static RecvChan<Item<List<String>>> read(Context ctx, WaitGroup wg, Path path, Counters counters,
                                             LongConsumer onRecord) {
        Chan<Item<List<String>>> out = Chan.make(BUFFER);                   // out := make(chan Item, 256)
        wg.go(() -> {                                                        // wg.Go(func() {
            try (var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                Csv.Reader csv = new Csv.Reader(reader);
                int[] order = header(csv);
                long n = 0;
                for (;;) {
                    if (ctx.err() != null) {                                 //   if ctx.Err() != nil { return }
                        return;
                    }
                    Item<List<String>> item;
                    try {
                        Csv.Record rec = csv.next();
                        if (rec == null) {
                            return;                                          //   io.EOF
                        }
                        if (rec.fields().size() != order.length) {
                            item = Item.error(new LineError(rec.line(), Csv.fieldCountError(rec.line())));
                        } else {
                            List<String> fields = new ArrayList<>(order.length);
                            for (int i : order) {
                                fields.add(rec.fields().get(i));
                            }
                            item = Item.ok(rec.line(), fields);
                        }
                    } catch (Csv.ParseError e) {
                        item = Item.error(new LineError(e.startLine, e.getMessage()));
                    }
                    if (!sendOrDone(ctx, out, item)) {                             //   select { case out <- item: case <-ctx.Done(): return }
                        return;
                    }
                    counters.records.incrementAndGet();
                    onRecord.accept(++n);
                }
            } catch (EtlException e) {
                fail(ctx, e);
            } catch (IOException | RuntimeException e) {
                fail(ctx, new EtlException("read " + path + ": " + e, e));
            } finally {
                out.close();                                                 //   defer close(out): after cancel(err)
            }
        });
        return out;
    }

    /** The header's columns: for each of {@link Sale#COLUMNS}, its index in the file. */
    private static int[] header(Csv.Reader csv) throws IOException, EtlException {
        Csv.Record h;
        try {
            h = csv.next();
        } catch (Csv.ParseError e) {
            throw new EtlException("header: " + e.getMessage(), null);
        }
        if (h == null) {
            throw new EtlException("line 1: missing header (want " + String.join(",", Sale.COLUMNS) + ")", null);
        }
        List<String> names = h.fields().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        if (names.size() != Sale.COLUMNS.size() || !Set.copyOf(names).equals(Set.copyOf(Sale.COLUMNS))
                || names.stream().distinct().count() != names.size()) {
            throw new EtlException("line " + h.line() + ": header " + String.join(",", h.fields())
                    + ": want the columns " + String.join(",", Sale.COLUMNS) + " (in any order)", null);
        }
        int[] order = new int[Sale.COLUMNS.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = names.indexOf(Sale.COLUMNS.get(i));
        }
        return order;
    }

    // ---- stage 2: transform, N workers (fan-out, fan-in)

    /**
     * Parses each record's fields into a {@link Sale} with {@code workers} goroutines reading
     * the same channel (fan-out) and sending to one output, closed when the last has finished
     * (fan-in). The order of the output is free, as in Go; the aggregation does not care.
     */
    static RecvChan<Item<Sale>> transform(Context ctx, WaitGroup wg, RecvChan<Item<List<String>>> in, int workers) {
        Chan<Item<Sale>> out = Chan.make(BUFFER);
        WaitGroup workersWg = new WaitGroup();
        for (int w = 0; w < workers; w++) {
            workersWg.add(1);
            wg.go(() -> {                                                   // go func() {
                try {                                                       //   defer workersWg.Done()
                    for (Item<List<String>> item : in) {                    //   for item := range in {
                        Item<Sale> s;
                        if (item.err() != null) {
                            s = item.asError();                             //     propagate the error
                        } else {
                            try {
                                s = Item.ok(item.line(), Sale.parse(item.value()));
                            } catch (Sale.Invalid e) {
                                s = Item.error(LineError.field(item.line(), e.getMessage()));
                            }
                        }
                        if (!sendOrDone(ctx, out, s)) {
                            return;
                        }
                    }
                } finally {
                    workersWg.done();
                }
            });
        }
        wg.go(() -> {                                                       // go func() { workersWg.Wait(); close(out) }()
            workersWg.await();
            out.close();
        });
        return out;
    }

    // ---- stage 3: filter

    /** Keeps the sales {@code filter} accepts, and every error; counts the ones it drops. */
    static RecvChan<Item<Sale>> filter(Context ctx, WaitGroup wg, RecvChan<Item<Sale>> in, Filter filter,
                                       Counters counters) {
        Chan<Item<Sale>> out = Chan.make(BUFFER);
        wg.go(() -> {
            try {
                for (Item<Sale> item : in) {                                 // for item := range in {
                    if (item.err() == null && !filter.keep(item.value())) {
                        counters.filteredOut.incrementAndGet();
                        continue;
                    }
                    if (!sendOrDone(ctx, out, item)) {
                        return;
                    }
                }
            } finally {
                out.close();                                                 // defer close(out)
            }
        });
        return out;
    }

    // ---- stage 4: aggregate

    /**
     * Sums the sales per region and product and collects the errors; sends one {@link Result}
     * when its input ends — unless the pipeline was cancelled, since a closed input then means
     * "stopped", not "finished". Under fail-fast, the first error cancels the pipeline.
     */
    static RecvChan<Result> aggregate(Context ctx, WaitGroup wg, RecvChan<Item<Sale>> in, ErrorPolicy policy,
                                      Counters counters) {
        Chan<Result> out = Chan.make(1);
        wg.go(() -> {
            try {
                Map<Key, Totals> totals = new TreeMap<>();
                List<LineError> errors = new ArrayList<>();
                long aggregated = 0;
                for (Item<Sale> item : in) {                                 // for item := range in {
                    if (item.err() != null) {
                        if (policy == ErrorPolicy.FAIL_FAST) {
                            fail(ctx, new EtlException(item.err()));         //   cancel(err); return
                            return;
                        }
                        errors.add(item.err());
                        continue;
                    }
                    Sale s = item.value();
                    totals.merge(new Key(s.region(), s.product()), Totals.ZERO.plus(s), Totals::plus);
                    aggregated++;
                }
                if (ctx.err() != null) {                                     // cancelled: the input was cut short
                    return;
                }
                errors.sort(Comparator.comparingLong(LineError::line));
                out.send(new Result(Collections.unmodifiableMap(totals), List.copyOf(errors),
                        counters.records.get(), counters.filteredOut.get(), aggregated));
            } finally {
                out.close();                                                 // defer close(out)
            }
        });
        return out;
    }

    // ---- stage 5: write

    /**
     * Writes the report into a temporary file beside {@code path}, then, if the pipeline is
     * still live, moves it over {@code path} atomically and passes the result on; on any
     * failure or cancellation it deletes the temporary file.
     */
    static RecvChan<Result> write(Context ctx, WaitGroup wg, RecvChan<Result> in, Path path) {
        Chan<Result> out = Chan.make(1);
        wg.go(() -> {
            try {
                Recv<Result> r = in.recvOk();                                // res, ok := <-in
                if (!r.ok()) {
                    return;                                                  // nothing to write
                }
                Path abs = path.toAbsolutePath();
                Path tmp = null;
                try {
                    tmp = tempFile(abs);
                    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        writeReport(w, r.value(), ctx);
                    }
                    if (ctx.err() != null) {
                        return;                                              // cancelled while writing
                    }
                    try {
                        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                    }
                    tmp = null;                                              // committed
                    out.send(r.value());
                } catch (IOException | RuntimeException e) {
                    fail(ctx, new EtlException("write " + path + ": " + e, e));
                } finally {
                    if (tmp != null) {
                        try {
                            Files.deleteIfExists(tmp);
                        } catch (IOException ignored) {
                            // best effort
                        }
                    }
                }
            } finally {
                out.close();                                                 // defer close(out)
            }
        });
        return out;
    }

    /**
     * A new empty file beside {@code out}, named {@code .out.<random>.tmp}, with the default
     * permissions (not {@code createTempFile}'s owner-only ones: it becomes the output).
     */
    private static Path tempFile(Path out) throws IOException {
        for (;;) {
            Path tmp = out.resolveSibling("." + out.getFileName() + "."
                    + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // try another name
            }
        }
    }

    private static void writeReport(Writer w, Result res, Context ctx) throws IOException {
        BufferedWriter bw = w instanceof BufferedWriter b ? b : new BufferedWriter(w);
        bw.write(Csv.line("region", "product", "orders", "quantity", "revenue"));
        bw.write('\n');
        Map<String, Totals> regions = res.regionTotals();
        String region = null;
        for (Map.Entry<Key, Totals> e : res.totals().entrySet()) {
            if (ctx.err() != null) {
                return;
            }
            if (region != null && !region.equals(e.getKey().region())) {
                row(bw, region, "*", regions.get(region));
            }
            region = e.getKey().region();
            row(bw, region, e.getKey().product(), e.getValue());
        }
        if (region != null) {
            row(bw, region, "*", regions.get(region));
        }
        row(bw, "*", "*", res.grandTotal());
        bw.flush();
    }

    private static void row(Writer w, String region, String product, Totals t) throws IOException {
        w.write(Csv.line(region, product, Long.toString(t.orders()), Long.toString(t.quantity()),
                t.revenue().toPlainString()));
        w.write('\n');
    }
}
