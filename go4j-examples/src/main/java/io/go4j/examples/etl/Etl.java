package io.go4j.examples.etl;

import io.go4j.Go;
import io.go4j.context.CancelContext;
import io.go4j.context.Context;
import io.go4j.context.ContextException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line of the {@link Pipeline ETL pipeline} (seed 001, exercise 4):
 * <pre>
 * etl [--workers N] [--fail-fast] [--region R]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] INPUT.csv OUTPUT.csv
 * </pre>
 * reads sales records ({@code date,region,product,quantity,unit_price}) from INPUT and writes
 * their totals per region and product to OUTPUT. It prints a summary on stdout and each
 * skipped record's error (with its line number) on stderr.
 *
 * <p>Exit status: 0 when OUTPUT was written (even if malformed records were skipped); 1 when
 * the run failed and nothing was written (unreadable input, bad header, with
 * {@code --fail-fast} the first malformed record); 2 for a usage error; 130 when the run's
 * context was cancelled. On Ctrl-C or SIGTERM a shutdown hook cancels the pipeline's context —
 * Go's {@code signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)} — and waits for the
 * pipeline to stop, so no partial output or temporary file remains (the JVM then exits with
 * the signal's status, 130 or 143).
 */
public final class Etl {

    private Etl() {
    }

    static final String USAGE = "usage: etl [--workers N] [--fail-fast] [--region R]... "
            + "[--from YYYY-MM-DD] [--to YYYY-MM-DD] INPUT.csv OUTPUT.csv";

    /** Go's {@code func main()}. */
    public static void main(String[] args) {
        Go.main(() -> {
            CancelContext ctx = Context.withCancel(Context.background()); // ctx, stop := signal.NotifyContext(...)
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                ctx.cancel();                                              // Ctrl-C: cancel the pipeline
                try {
                    finished.await(10, TimeUnit.SECONDS);                  // and let it clean up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            int code;
            try {
                code = run(ctx, args, System.out, System.err);
            } finally {
                finished.countDown();
            }
            if (code != 0) {
                System.out.flush();
                System.exit(code);                                         // os.Exit(code)
            }
        });
    }

    /**
     * Runs the command with {@code args} under {@code ctx}, printing to {@code out} and
     * {@code err}; returns the exit status.
     */
    static int run(Context ctx, String[] args, PrintStream out, PrintStream err) {
        Pipeline.Options opt;
        try {
            opt = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("etl: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            Pipeline.Result res = Pipeline.run(ctx, opt);
            for (LineError e : res.errors()) {
                err.println(e);
            }
            out.printf("read %d records: %d aggregated, %d filtered out, %d skipped%n",
                    res.records(), res.aggregated(), res.filteredOut(), res.errors().size());
            out.printf("wrote %d groups to %s (total quantity %d, revenue %s)%n", res.totals().size(),
                    opt.output(), res.grandTotal().quantity(), res.grandTotal().revenue().toPlainString());
            return 0;
        } catch (EtlException e) {
            err.println("etl: " + e.getMessage());
            err.println("etl: nothing written");
            return 1;
        } catch (ContextException e) {
            err.println("etl: " + e.getMessage());
            err.println("etl: nothing written");
            return 130;
        }
    }

    static Pipeline.Options parse(String[] args) {
        int workers = Runtime.getRuntime().availableProcessors();
        boolean failFast = false;
        Set<String> regions = new HashSet<>();
        LocalDate from = null;
        LocalDate to = null;
        java.util.List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--fail-fast" -> failFast = true;
                case "--workers" -> {
                    String v = value(args, ++i, a);
                    try {
                        workers = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--workers " + v + ": not a number");
                    }
                    if (workers < 1) {
                        throw new IllegalArgumentException("--workers " + v + ": must be at least 1");
                    }
                }
                case "--region" -> regions.add(value(args, ++i, a));
                case "--from" -> from = date(value(args, ++i, a), a);
                case "--to" -> to = date(value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown flag " + a);
                    }
                    files.add(a);
                }
            }
        }
        if (files.size() != 2) {
            throw new IllegalArgumentException("want INPUT and OUTPUT, got " + files.size() + " file(s)");
        }
        return new Pipeline.Options(Path.of(files.get(0)), Path.of(files.get(1)), workers,
                failFast ? Pipeline.ErrorPolicy.FAIL_FAST : Pipeline.ErrorPolicy.COLLECT,
                new Pipeline.Filter(from, to, regions), n -> { });
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static LocalDate date(String v, String flag) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(flag + " " + v + ": not a date (want YYYY-MM-DD)");
        }
    }
}
