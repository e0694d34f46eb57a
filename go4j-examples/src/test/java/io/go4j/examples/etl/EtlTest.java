package io.go4j.examples.etl;

import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;
import io.go4j.testing.Leaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ETL pipeline of seed 001's exercise 4 through its real interfaces: CSV files in a
 * temporary directory, the command line ({@link Etl#run}: arguments, exit status, stdout,
 * stderr) and {@link Pipeline#run} with a context. After each test no goroutine is left.
 */
@Timeout(120)
class EtlTest {

    @TempDir
    Path dir;

    private Leaks.Option before;

    @BeforeEach
    void snapshot() {
        before = Leaks.ignoreCurrent();
    }

    @AfterEach
    void noLeaks() {
        Leaks.verifyNone(before);
    }

    /** The outcome of one command-line run. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run etl(Context ctx, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Etl.run(ctx, args, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run etl(String... args) {
        return etl(Context.background(), args);
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Header in another order, CRLF line ends, a blank line, a quoted region with a comma, no final newline. */
    private static final String SALES = String.join("\r\n",
            "region,date,product,unit_price,quantity",
            "North,2024-01-05,Apple,0.45,10",
            "North,2024-01-06,Apple,0.50,4",
            "North,2024-01-06,Pear,1.20,3",
            "",
            "\"West, Coast\",2024-02-01,Apple,0.40,100",
            "South,2024-02-02,Pear,1.25,8",
            "South,2024-03-15,Pear,1.30,2",
            "\"West, Coast\",2024-03-20,Pear,1.00,1");

    @Test
    @DisplayName("exact totals per region and product, region subtotals and the grand total; RFC 4180 quoting both ways")
    void aggregatesExactly() throws IOException {
        Path in = file("sales.csv", SALES);
        Path out = dir.resolve("totals.csv");
        Run r = etl("--workers", "3", in.toString(), out.toString());
        assertEquals(0, r.code(), r::err);
        assertEquals("", r.err());
        assertEquals(List.of(
                "region,product,orders,quantity,revenue",
                "North,Apple,2,14,6.50",
                "North,Pear,1,3,3.60",
                "North,*,3,17,10.10",
                "South,Pear,2,10,12.60",
                "South,*,2,10,12.60",
                "\"West, Coast\",Apple,1,100,40.00",
                "\"West, Coast\",Pear,1,1,1.00",
                "\"West, Coast\",*,2,101,41.00",
                "*,*,7,128,63.70"), Files.readAllLines(out));
        assertEquals(List.of(
                "read 7 records: 7 aggregated, 0 filtered out, 0 skipped",
                "wrote 5 groups to " + out + " (total quantity 128, revenue 63.70)"), r.out().lines().toList());
        assertEquals(List.of("sales.csv", "totals.csv"), dirListing(), "no temporary file is left");
    }

    @Test
    @DisplayName("the filter stage keeps the given regions and date range and counts what it drops")
    void filters() throws IOException {
        Path in = file("sales.csv", SALES);
        Path out = dir.resolve("totals.csv");
        Run r = etl("--region", "North", "--region", "South", "--from", "2024-01-06", "--to", "2024-02-28",
                in.toString(), out.toString());
        assertEquals(0, r.code(), r::err);
        assertEquals(List.of(
                "region,product,orders,quantity,revenue",
                "North,Apple,1,4,2.00",
                "North,Pear,1,3,3.60",
                "North,*,2,7,5.60",
                "South,Pear,1,8,10.00",
                "South,*,1,8,10.00",
                "*,*,3,15,15.60"), Files.readAllLines(out));
        assertTrue(r.out().startsWith("read 7 records: 3 aggregated, 4 filtered out, 0 skipped"), r::out);
    }

    /** Every kind of malformed record, each on a known line (line 1 is the header). */
    private static final String MALFORMED = String.join("\n",
            "date,region,product,quantity,unit_price",           // 1
            "2024-01-05,North,Apple,3,0.50",                     // 2  ok
            "2024-01-06,North,Apple,x,0.50",                     // 3  quantity
            "2024-13-01,South,Pear,1,1.00",                      // 4  date
            "2024-01-07,South,Pear,2",                           // 5  field count
            "2024-01-08,So\"uth,Pear,2,1.00",                    // 6  bare quote, column 14
            "2024-01-09,South,\"Pear \"\"big\"\"\",2,1.25",      // 7  ok: product Pear "big"
            "2024-01-10,\"South",                                // 8  a record over two lines ...
            "\",Pe\"ar,1,1.00",                                  // 9  ... with a bare quote on line 9, column 5
            "2024-01-11,South,Pear,1,1.005",                     // 10 three decimals
            "2024-01-12,\"South\"x,Pear,1,1.00",                 // 11 text after the closing quote, column 19
            "2024-01-13,East,Fig,0,2.00",                        // 12 quantity 0
            "2024-01-14,East,Fig,4,2.00",                        // 13 ok
            "2024-01-15,\"East,Fig,1,1.00",                      // 14 quote never closed, opened at column 12
            "");

    private static final List<String> MALFORMED_ERRORS = List.of(
            "line 3: quantity \"x\": not an integer",
            "line 4: date \"2024-13-01\": not a date (want YYYY-MM-DD)",
            "record on line 5: wrong number of fields",
            "parse error on line 6, column 14: bare \" in non-quoted-field",
            "record on line 8; parse error on line 9, column 5: bare \" in non-quoted-field",
            "line 10: unit_price \"1.005\": want a plain amount with at most 2 decimal places",
            "parse error on line 11, column 19: extraneous or missing \" in quoted-field",
            "line 12: quantity 0: must be positive",
            "parse error on line 14, column 12: extraneous or missing \" in quoted-field");

    @Test
    @DisplayName("malformed records are skipped and reported with their line numbers, in line order; the rest is aggregated")
    void malformedLinesReported() throws IOException {
        Path in = file("sales.csv", MALFORMED);
        Path out = dir.resolve("totals.csv");
        Run r = etl("--workers", "4", in.toString(), out.toString());
        assertEquals(0, r.code(), r::err);
        assertEquals(MALFORMED_ERRORS, r.errLines());
        assertEquals(List.of(
                "region,product,orders,quantity,revenue",
                "East,Fig,1,4,8.00",
                "East,*,1,4,8.00",
                "North,Apple,1,3,1.50",
                "North,*,1,3,1.50",
                "South,\"Pear \"\"big\"\"\",1,2,2.50",
                "South,*,1,2,2.50",
                "*,*,3,9,12.00"), Files.readAllLines(out));
        assertTrue(r.out().startsWith("read 12 records: 3 aggregated, 0 filtered out, 9 skipped"), r::out);

        // The API gives the same errors as values.
        Pipeline.Result res = assertDoesNotThrow(() -> Pipeline.run(Context.background(), Pipeline.Options.of(in, out)));
        assertEquals(List.of(3L, 4L, 5L, 6L, 8L, 10L, 11L, 12L, 14L),
                res.errors().stream().map(LineError::line).toList());
    }

    @Test
    @DisplayName("--fail-fast: the first malformed record stops the run (exit 1) and the existing output is left untouched")
    void failFastLeavesNoOutput() throws IOException {
        Path in = file("sales.csv", SALES.replace("North,2024-01-06,Pear,1.20,3", "North,2024-01-06,Pear,1.20,three"));
        Path out = file("totals.csv", "previous contents\n");
        Run r = etl("--fail-fast", in.toString(), out.toString());
        assertEquals(1, r.code(), r::out);
        assertEquals(List.of("etl: line 4: quantity \"three\": not an integer", "etl: nothing written"), r.errLines());
        assertEquals("", r.out());
        assertEquals("previous contents\n", Files.readString(out));
        assertEquals(List.of("sales.csv", "totals.csv"), dirListing(), "no temporary file is left");
    }

    /** Writes {@code n} generated records; returns the expected totals computed sequentially. */
    private static Map<String, long[]> generate(Path p, int n, long seed, int badEvery) throws IOException {
        String[] regions = {"North", "South", "East", "West", "Central, HQ"};
        String[] products = new String[20];
        for (int i = 0; i < products.length; i++) {
            products[i] = "P" + (i + 1);
        }
        Random rnd = new Random(seed);
        Map<String, long[]> expected = new TreeMap<>(); // "region|product" -> {orders, quantity, revenue in cents}
        LocalDate day0 = LocalDate.of(2024, 1, 1);
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("date,region,product,quantity,unit_price\n");
            for (int i = 0; i < n; i++) {
                if (badEvery > 0 && i % badEvery == badEvery - 1) {
                    w.write("2024-01-01,North,P1,many,1.00\n");
                    continue;
                }
                String region = regions[rnd.nextInt(regions.length)];
                String product = products[rnd.nextInt(products.length)];
                int qty = 1 + rnd.nextInt(50);
                int cents = 1 + rnd.nextInt(9999);
                w.write(day0.plusDays(rnd.nextInt(366)) + "," + (region.contains(",") ? "\"" + region + "\"" : region)
                        + "," + product + "," + qty + "," + cents / 100 + "." + String.format("%02d", cents % 100) + "\n");
                long[] t = expected.computeIfAbsent(region + "|" + product, k -> new long[3]);
                t[0]++;
                t[1] += qty;
                t[2] += (long) qty * cents;
            }
        }
        return expected;
    }

    private static String cents(long c) {
        return c / 100 + "." + String.format("%02d", c % 100);
    }

    @Test
    @DisplayName("200,000 records through 4 parallel workers give exactly the sequential totals, and the same file as 1 worker")
    void largeFileParallelEqualsSequential() throws IOException {
        int n = 200_000;
        Path in = dir.resolve("big.csv");
        Map<String, long[]> expected = generate(in, n, 20240601L, 9973);
        int bad = n / 9973;

        Path out4 = dir.resolve("out4.csv");
        Run r4 = etl("--workers", "4", in.toString(), out4.toString());
        assertEquals(0, r4.code(), r4::err);
        assertEquals(bad, r4.errLines().size());
        assertTrue(r4.errLines().stream().allMatch(l -> l.endsWith(": quantity \"many\": not an integer")), r4::err);

        // the per-group rows against the sequential computation
        Map<String, String> rows = new TreeMap<>();
        List<String> lines = Files.readAllLines(out4);
        assertEquals("region,product,orders,quantity,revenue", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String region;
            String rest;
            if (line.startsWith("\"")) {
                int close = line.indexOf('"', 1);
                region = line.substring(1, close);
                rest = line.substring(close + 2);
            } else {
                region = line.substring(0, line.indexOf(','));
                rest = line.substring(region.length() + 1);
            }
            rows.put(region + "|" + rest.substring(0, rest.indexOf(',')), rest.substring(rest.indexOf(',') + 1));
        }
        long[] grand = new long[3];
        Map<String, long[]> perRegion = new TreeMap<>();
        expected.forEach((k, t) -> {
            assertEquals(t[0] + "," + t[1] + "," + cents(t[2]), rows.get(k), k);
            long[] rt = perRegion.computeIfAbsent(k.substring(0, k.indexOf('|')), x -> new long[3]);
            for (int i = 0; i < 3; i++) {
                rt[i] += t[i];
                grand[i] += t[i];
            }
        });
        perRegion.forEach((region, t) ->
                assertEquals(t[0] + "," + t[1] + "," + cents(t[2]), rows.get(region + "|*"), region));
        assertEquals(grand[0] + "," + grand[1] + "," + cents(grand[2]), rows.get("*|*"));
        assertEquals(n - bad, grand[0]);
        assertEquals(expected.size() + perRegion.size() + 1, rows.size(), "no other rows");

        Path out1 = dir.resolve("out1.csv");
        Run r1 = etl("--workers", "1", in.toString(), out1.toString());
        assertEquals(0, r1.code(), r1::err);
        assertEquals(r4.err(), r1.err());
        assertEquals(Files.readString(out1), Files.readString(out4));
    }

    @Test
    @DisplayName("cancelling the context after 1,000 of 20,000 records stops every stage: nothing written, no goroutine left")
    void cancelMidRun() throws IOException {
        Path in = dir.resolve("big.csv");
        generate(in, 20_000, 7L, 0);
        Path out = dir.resolve("totals.csv");
        AtomicLong seen = new AtomicLong();
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            Pipeline.Options opt = Pipeline.Options.of(in, out).withWorkers(4).withOnRecord(k -> {
                seen.set(k);
                if (k == 1_000) {
                    ctx.cancel();                 // cancel after k records: no sleep, no timing
                }
            });
            ContextException e = assertThrows(ContextException.class, () -> Pipeline.run(ctx, opt));
            assertSame(Context.CANCELED, e);
        }
        assertEquals(1_000, seen.get(), "the read stage stops at the record it was cancelled on");
        assertEquals(List.of("big.csv"), dirListing(), "no output, no temporary file");
        // noLeaks() checks that every goroutine of the pipeline has ended (run() waited for them)
    }

    @Test
    @DisplayName("fail-fast on a large file: the first error cancels the pipeline, so reading stops early and nothing is written")
    void failFastStopsReading() throws IOException {
        Path in = dir.resolve("big.csv");
        generate(in, 20_000, 11L, 5_000); // bad records on lines 5001, 10001, 15001, 20001
        Path out = dir.resolve("totals.csv");
        AtomicLong seen = new AtomicLong();
        Pipeline.Options opt = Pipeline.Options.of(in, out).withWorkers(2)
                .withPolicy(Pipeline.ErrorPolicy.FAIL_FAST).withOnRecord(seen::set);
        EtlException e = assertThrows(EtlException.class, () -> Pipeline.run(Context.background(), opt));
        assertEquals(5_001, e.lineError().line(), "the first malformed record stops the run");
        assertEquals("line 5001: quantity \"many\": not an integer", e.getMessage());
        // the channels hold at most 3 x 256 records between the reader and the aggregator
        assertTrue(seen.get() < 10_000, () -> "read on to record " + seen.get());
        assertEquals(List.of("big.csv"), dirListing());
    }

    @Test
    @DisplayName("an unreadable input or a bad header fails the run with exit 1 and no output; bad flags exit 2")
    void inputErrors() throws IOException {
        Path out = dir.resolve("totals.csv");
        Run missing = etl(dir.resolve("nope.csv").toString(), out.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("etl: read " + dir.resolve("nope.csv") + ": java.nio.file.NoSuchFileException"),
                missing::err);

        Path empty = file("empty.csv", "");
        Run r = etl(empty.toString(), out.toString());
        assertEquals(1, r.code());
        assertEquals("etl: line 1: missing header (want date,region,product,quantity,unit_price)", r.errLines().get(0));

        Path badHeader = file("bad.csv", "date,region,product,qty,unit_price\n2024-01-01,N,P,1,1.00\n");
        r = etl(badHeader.toString(), out.toString());
        assertEquals(1, r.code());
        assertEquals("etl: line 1: header date,region,product,qty,unit_price: "
                + "want the columns date,region,product,quantity,unit_price (in any order)", r.errLines().get(0));
        assertFalse(Files.exists(out));

        Run usage = etl("--workers", "0", "a.csv", "b.csv");
        assertEquals(2, usage.code());
        assertEquals(List.of("etl: --workers 0: must be at least 1", Etl.USAGE), usage.errLines());
        assertEquals(2, etl("only-one.csv").code());
        assertEquals(2, etl("--bogus", "a.csv", "b.csv").code());
        assertEquals(List.of("bad.csv", "empty.csv"), dirListing());
    }

    @Test
    @DisplayName("a context already cancelled: exit 130, nothing written")
    void cancelledBeforeStart() throws IOException {
        Path in = file("sales.csv", SALES);
        Path out = dir.resolve("totals.csv");
        try (CancelContext ctx = Context.withCancel(Context.background())) {
            ctx.cancel();
            Run r = etl(ctx, in.toString(), out.toString());
            assertEquals(130, r.code());
            assertEquals(List.of("etl: context canceled", "etl: nothing written"), r.errLines());
        }
        assertEquals(List.of("sales.csv"), dirListing());
    }
}
