package io.go4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Draws the ratios go4j / peer of one benchmark run (times, and the B7/B8 memory ratios) — the same {@link Report.Ratio} list as the
 * summary table of {@code RESULTS.md} — as horizontal bars on a log scale: {@code chart.svg}
 * (hand-written SVG, rendered by every browser and by GitHub) and, when the JDK's headless AWT
 * works, {@code chart.png} of the same drawing. Called by {@link Report}; no dependency beyond
 * the JDK.
 *
 * <p>Layout: one group of rows per scenario and configuration (e.g. "B2 · cap=16"), one row per
 * peer. Each bar starts at 1 (parity) and ends at the ratio: left of 1, go4j needed less (time or
 * memory) than the peer; right of 1, more. The bar is green when the ratio meets its target, red when it misses
 * it, grey when the ratio has no target (shown for information); a black tick on the row marks
 * the target (0.8 for jox, 1.0 for the JDK, 1.0 / 1.25 / 1.5 / … for Go). The ratio and its target
 * are repeated as text on the right. The title carries the date, mode, machine, JDK, Go and jox
 * versions of {@code RESULTS.md}'s header.
 *
 * <p>The output depends only on the input: no clock, no map iteration order, numbers formatted
 * with {@link Locale#ROOT}, text widths estimated from character counts (the same layout in SVG
 * and PNG). Self-check: {@code java -cp go4j-bench/target/benchmarks.jar io.go4j.bench.Chart}
 * draws a sample twice and checks that the SVG is well-formed XML, identical both times, and that
 * the PNG decodes.
 */
final class Chart {

    private Chart() {
    }

    /** The title's facts, as in RESULTS.md's header. */
    record Meta(String mode, String date, String machine, String jdk, String go, String jox) {
    }

    // ------------------------------------------------------------------ layout constants (px)

    private static final int PAD = 16;
    private static final int TITLE_SIZE = 16;
    private static final int TEXT_SIZE = 12;
    private static final int SMALL_SIZE = 11;
    private static final int ROW = 18;
    private static final int GROUP_ROW = 20;
    private static final int BAR = 12;
    private static final int PLOT_WIDTH = 660;
    private static final int VALUE_COLUMN = 130;
    /** The ratios are right-aligned this far right of the plot. */
    private static final int VALUE_WIDTH = 68;
    private static final int AXIS_HEIGHT = 34;
    private static final int MAX_LABEL_CHARS = 64;
    /** Estimated advance of one character, as a fraction of the font size (generous for sans-serif). */
    private static final double CHAR_WIDTH = 0.6;

    private static final String GREEN = "#2e7d32";
    private static final String RED = "#c62828";
    private static final String GREY = "#9e9e9e";
    private static final String INK = "#212121";
    private static final String MUTED = "#616161";
    private static final String GRID = "#e0e0e0";
    private static final String BAND = "#f5f5f5";

    // ------------------------------------------------------------------ entry points

    /**
     * Writes {@code chart.svg} and, if {@code png}, {@code chart.png} into {@code dir}; returns
     * the files written (the PNG is left out, with a warning on stderr, when AWT cannot draw).
     */
    static List<Path> write(Path dir, Meta meta, List<Report.Ratio> ratios, boolean png) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path svg = dir.resolve("chart.svg");
        Files.writeString(svg, svg(meta, ratios));
        written.add(svg);
        if (png) {
            Path p = dir.resolve("chart.png");
            try {
                Files.write(p, png(meta, ratios));
                written.add(p);
            } catch (IOException | RuntimeException | LinkageError e) {
                System.err.println("Chart: WARNING: no PNG (" + e + "); the SVG is complete");
            }
        }
        return written;
    }

    /** The chart as SVG text. */
    static String svg(Meta meta, List<Report.Ratio> ratios) {
        SvgCanvas c = new SvgCanvas();
        Layout l = new Layout(meta, ratios);
        c.begin(l.width, l.height);
        l.draw(c);
        return c.end();
    }

    /** The chart as PNG bytes (headless AWT). */
    static byte[] png(Meta meta, List<Report.Ratio> ratios) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Layout l = new Layout(meta, ratios);
        BufferedImage img = new BufferedImage(l.width, l.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            l.draw(new AwtCanvas(g));
        } finally {
            g.dispose();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ layout (shared by SVG and PNG)

    /** Rows and scale of one chart; {@link #draw} issues the same calls to either canvas. */
    private static final class Layout {
        final Meta meta;
        final List<Report.Ratio> ratios;
        final int labelWidth;
        final int plotX;
        final int plotTop;
        final int width;
        final int height;
        final int loExp;
        final int hiExp;
        final int rowsHeight;

        Layout(Meta meta, List<Report.Ratio> ratios) {
            this.meta = meta;
            this.ratios = ratios;
            int chars = 12;
            for (Report.Ratio r : ratios) {
                chars = Math.max(chars, label(r.peer()).length() + 2);
                // a long group title may run over the grid of its own row, which has no bar
                chars = Math.max(chars, Math.min(groupLabel(r).length(), MAX_LABEL_CHARS - 16));
            }
            labelWidth = (int) Math.ceil(chars * CHAR_WIDTH * TEXT_SIZE) + 8;
            plotX = PAD + labelWidth;
            double lo = 0.1;
            double hi = 10;
            for (Report.Ratio r : ratios) {
                if (r.ratio() > 0 && Double.isFinite(r.ratio())) {
                    lo = Math.min(lo, r.ratio());
                    hi = Math.max(hi, r.ratio());
                }
                if (r.target().max > 0) {
                    hi = Math.max(hi, r.target().max);
                }
            }
            loExp = (int) Math.floor(Math.log10(lo) + 1e-9);
            hiExp = (int) Math.ceil(Math.log10(hi) - 1e-9);
            int rows = 0;
            String group = null;
            for (Report.Ratio r : ratios) {
                if (!groupLabel(r).equals(group)) {
                    group = groupLabel(r);
                    rows += GROUP_ROW;
                }
                rows += ROW;
            }
            rowsHeight = rows;
            int header = PAD + TITLE_SIZE + 6 + 2 * (TEXT_SIZE + 6) + TEXT_SIZE + 10;
            plotTop = header + AXIS_HEIGHT;
            width = plotX + PLOT_WIDTH + VALUE_COLUMN + PAD;
            height = plotTop + Math.max(rows, ROW) + AXIS_HEIGHT + PAD;
        }

        double x(double ratio) {
            double f = (Math.log10(ratio) - loExp) / (hiExp - loExp);
            return plotX + Math.max(0, Math.min(1, f)) * PLOT_WIDTH;
        }

        void draw(Canvas c) {
            c.rect(0, 0, width, height, "#ffffff");
            long targeted = ratios.stream().filter(r -> r.target().max > 0).count();
            long met = ratios.stream().filter(r -> r.target().max > 0 && r.ratio() <= r.target().max).count();

            // title
            int y = PAD + TITLE_SIZE;
            c.text(PAD, y, "go4j / peer: ratios of one run (log scale; lower is better for go4j)", TITLE_SIZE, true, INK, "start");
            y += TEXT_SIZE + 8;
            c.text(PAD, y, meta.date() + " · " + meta.mode() + " mode · " + meta.machine(), TEXT_SIZE, false, INK, "start");
            y += TEXT_SIZE + 6;
            c.text(PAD, y, "JDK " + meta.jdk() + " · " + meta.go() + " · jox " + meta.jox() + " · " + met + " of "
                    + targeted + " targeted ratios met", TEXT_SIZE, false, INK, "start");
            y += TEXT_SIZE + 8;

            // legend
            int lx = PAD;
            lx = legendBox(c, lx, y, GREEN, "meets its target");
            lx = legendBox(c, lx, y, RED, "misses its target");
            lx = legendBox(c, lx, y, GREY, "no target (information)");
            c.line(lx + 4, y - BAR + 1, lx + 4, y + 3, INK, 2.5, false);
            lx += 12;
            c.text(lx, y, "target", SMALL_SIZE, false, INK, "start");
            lx += textWidth("target", SMALL_SIZE) + 16;
            c.line(lx + 4, y - BAR + 1, lx + 4, y + 3, MUTED, 1, true);
            c.text(lx + 12, y, "1 = parity; left of it go4j needs less time (or memory)", SMALL_SIZE, false, INK, "start");

            // axes, grid
            int top = plotTop;
            int bottom = plotTop + Math.max(rowsHeight, ROW);
            axis(c, top - 8, true);
            axis(c, bottom + 16, false);
            // group bands first, so that the grid lies on them
            int ry = top;
            String group = null;
            int band = 0;
            int bandStart = top;
            for (Report.Ratio r : ratios) {
                if (!groupLabel(r).equals(group)) {
                    if (group != null && band++ % 2 == 0) {
                        c.rect(PAD, bandStart, width - 2 * PAD, ry - bandStart, BAND);
                    }
                    group = groupLabel(r);
                    bandStart = ry;
                    ry += GROUP_ROW;
                }
                ry += ROW;
            }
            if (group != null && band % 2 == 0) {
                c.rect(PAD, bandStart, width - 2 * PAD, ry - bandStart, BAND);
            }
            for (int e = loExp; e <= hiExp; e++) {
                for (int m = 1; m <= 9; m++) {
                    if (e == hiExp && m > 1) {
                        break;
                    }
                    double gx = x(m * Math.pow(10, e));
                    c.line(gx, top, gx, bottom, m == 1 ? "#bdbdbd" : GRID, m == 1 ? 1 : 0.75, false);
                }
            }
            c.line(x(1), top - 4, x(1), bottom + 4, MUTED, 1.25, true);
            if (ratios.isEmpty()) {
                c.text(plotX + PLOT_WIDTH / 2.0, top + TEXT_SIZE + 2, "no ratios (no data)", TEXT_SIZE, false, MUTED, "middle");
            }

            // rows
            ry = top;
            group = null;
            for (Report.Ratio r : ratios) {
                if (!groupLabel(r).equals(group)) {
                    group = groupLabel(r);
                    c.text(PAD + 4, ry + GROUP_ROW - 6, group, TEXT_SIZE, true, INK, "start");
                    ry += GROUP_ROW;
                }
                double mid = ry + ROW / 2.0;
                boolean targetedRow = r.target().max > 0;
                boolean ok = targetedRow && r.ratio() <= r.target().max;
                String colour = !targetedRow ? GREY : ok ? GREEN : RED;
                c.text(PAD + 16, mid + TEXT_SIZE / 2.0 - 2, label(r.peer()), TEXT_SIZE, false, INK, "start");
                double x0 = x(1);
                double x1 = x(r.ratio());
                c.rect(Math.min(x0, x1), mid - BAR / 2.0, Math.max(1, Math.abs(x1 - x0)), BAR, colour);
                if (targetedRow) {
                    double tx = x(r.target().max);
                    c.line(tx, mid - BAR / 2.0 - 2, tx, mid + BAR / 2.0 + 2, INK, 2.5, false);
                }
                double vx = plotX + PLOT_WIDTH + VALUE_WIDTH;
                c.text(vx, mid + TEXT_SIZE / 2.0 - 2, ratioText(r.ratio()), TEXT_SIZE, true,
                        !targetedRow ? MUTED : colour, "end");
                c.text(vx + 6, mid + TEXT_SIZE / 2.0 - 2,
                        targetedRow ? (ok ? "≤ " : "> ") + ratioText(r.target().max) : "no target",
                        SMALL_SIZE, false, MUTED, "start");
                ry += ROW;
            }
        }

        private int legendBox(Canvas c, int lx, int y, String colour, String text) {
            c.rect(lx, y - BAR + 2, 18, BAR - 2, colour);
            c.text(lx + 24, y, text, SMALL_SIZE, false, INK, "start");
            return lx + 24 + textWidth(text, SMALL_SIZE) + 16;
        }

        /** Tick labels at 1-2-5 steps of each decade, with the axis caption. */
        private void axis(Canvas c, int y, boolean above) {
            double perDecade = (double) PLOT_WIDTH / (hiExp - loExp);
            int[] steps = perDecade >= 110 ? new int[] {1, 2, 5} : new int[] {1};
            for (int e = loExp; e <= hiExp; e++) {
                for (int m : steps) {
                    if (e == hiExp && m > 1) {
                        break;
                    }
                    double v = m * Math.pow(10, e);
                    c.text(x(v), y, tick(m, e), m == 1 ? SMALL_SIZE : SMALL_SIZE - 1, m == 1, m == 1 ? INK : MUTED, "middle");
                }
            }
            int cy = above ? y - SMALL_SIZE - 4 : y + SMALL_SIZE + 4;
            c.text(x(1), cy, "← go4j better    go4j / peer    go4j worse →", SMALL_SIZE, false, MUTED, "middle");
        }
    }

    /** A peer label, shortened to {@value #MAX_LABEL_CHARS} characters. */
    private static String label(String peer) {
        return peer.length() <= MAX_LABEL_CHARS ? peer : peer.substring(0, MAX_LABEL_CHARS - 1) + "…";
    }

    private static String groupLabel(Report.Ratio r) {
        return r.scenario() + " · " + r.config();
    }

    private static int textWidth(String s, int size) {
        return (int) Math.ceil(s.length() * CHAR_WIDTH * size);
    }

    /** A ratio as in RESULTS.md: two decimals. */
    static String ratioText(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    /** "0.01", "0.2", "5", "1000": m × 10^e without trailing zeros. */
    static String tick(int m, int e) {
        return new java.math.BigDecimal(m).scaleByPowerOfTen(e).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ canvases

    /** The few drawing operations the chart needs. */
    private interface Canvas {
        void rect(double x, double y, double w, double h, String fill);

        void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed);

        /** {@code anchor}: "start", "middle" or "end"; {@code y}: the baseline. */
        void text(double x, double y, String s, int size, boolean bold, String fill, String anchor);
    }

    private static final class SvgCanvas implements Canvas {
        private final StringBuilder sb = new StringBuilder();

        void begin(int w, int h) {
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                    .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                    .append("\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n");
            sb.append("<title>go4j / peer: ratios of one run</title>\n");
        }

        String end() {
            sb.append("</svg>\n");
            return sb.toString();
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill) {
            sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\"/>\n");
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed) {
            sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                    .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                    .append(n(width)).append('"');
            if (dashed) {
                sb.append(" stroke-dasharray=\"4 3\"");
            }
            sb.append("/>\n");
        }

        @Override
        public void text(double x, double y, String s, int size, boolean bold, String fill, String anchor) {
            sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(size)
                    .append('"');
            if (bold) {
                sb.append(" font-weight=\"bold\"");
            }
            if (!anchor.equals("start")) {
                sb.append(" text-anchor=\"").append(anchor).append('"');
            }
            sb.append(" fill=\"").append(fill).append("\">").append(escape(s)).append("</text>\n");
        }

        private static String n(double v) {
            String s = String.format(Locale.ROOT, "%.1f", v);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    private static final class AwtCanvas implements Canvas {
        private final Graphics2D g;

        AwtCanvas(Graphics2D g) {
            this.g = g;
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill) {
            g.setColor(Color.decode(fill));
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed) {
            g.setColor(Color.decode(stroke));
            g.setStroke(dashed
                    ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)
                    : new BasicStroke((float) width));
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void text(double x, double y, String s, int size, boolean bold, String fill, String anchor) {
            g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
            g.setColor(Color.decode(fill));
            double w = g.getFontMetrics().stringWidth(s);
            double shift = switch (anchor) {
                case "middle" -> w / 2;
                case "end" -> w;
                default -> 0;
            };
            g.drawString(s, (float) (x - shift), (float) y);
        }
    }

    // ------------------------------------------------------------------ self-check

    /**
     * Draws a sample chart twice and checks that the SVG is well-formed XML and identical both
     * times, that it has one bar per ratio, and that the PNG (if AWT works) decodes to the
     * layout's size. Exits 1 on a failed check. Optional argument: a directory to write the sample to.
     */
    public static void main(String[] args) throws Exception {
        Meta meta = new Meta("short", "2026-01-01 00:00 UTC", "Sample CPU, 2 CPUs", "25.0.3", "go1.19.8", "1.0.1");
        List<Report.Ratio> sample = List.of(
                new Report.Ratio("B1", "unbuffered", "Go", 0.94, Report.Target.GO_B1),
                new Report.Ratio("B1", "unbuffered", "jox", 0.14, Report.Target.JOX),
                new Report.Ratio("B1", "unbuffered", "JDK Exchanger swap (1 exchange per round trip; info)", 0.76,
                        Report.Target.NONE),
                new Report.Ratio("B5 idle", "select + default", "jox <defaultClause> & more", 0.012, Report.Target.JOX),
                new Report.Ratio("B9 select timeout", "ready + After(1s)", "JDK ArrayBlockingQueue(1) poll(1 s)", 1999,
                        Report.Target.JDK));
        String a = svg(meta, sample);
        String b = svg(meta, sample);
        check(a.equals(b), "SVG differs between two draws of the same data");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.newDocumentBuilder().parse(new ByteArrayInputStream(a.getBytes(StandardCharsets.UTF_8))); // throws if malformed
        long bars = a.lines().filter(l -> l.startsWith("<rect") && (l.contains(GREEN) || l.contains(RED) || l.contains(GREY))
                && l.contains("height=\"" + BAR + "\"")).count();
        check(bars == sample.size(), "expected " + sample.size() + " bars, found " + bars);
        check(a.contains("&lt;defaultClause&gt; &amp; more"), "label not escaped");
        check(a.contains(">0.01<") && a.contains(">1000<") && a.contains(">10000<"), "axis does not span 0.01-10000");
        check(svg(meta, List.of()).contains("no ratios"), "empty chart");
        byte[] p1 = png(meta, sample);
        byte[] p2 = png(meta, sample);
        check(java.util.Arrays.equals(p1, p2), "PNG differs between two draws of the same data");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(p1));
        Layout l = new Layout(meta, sample);
        check(img != null && img.getWidth() == l.width && img.getHeight() == l.height, "PNG size");
        if (args.length > 0) {
            System.out.println("Chart self-check: wrote " + write(Path.of(args[0]), meta, sample, true));
        }
        System.out.println("Chart self-check: OK (SVG " + a.length() + " chars, PNG " + p1.length + " bytes, "
                + l.width + " x " + l.height + " px)");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("Chart self-check FAILED: " + what);
            System.exit(1);
        }
    }
}
