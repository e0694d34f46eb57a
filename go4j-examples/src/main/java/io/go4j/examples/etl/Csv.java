package io.go4j.examples.etl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of the ETL pipeline: RFC 4180's basics, read the way Go's {@code encoding/csv}
 * reads them, with Go's error texts.
 *
 * <ul>
 *   <li>Fields are separated by commas, records by {@code \n} or {@code \r\n}; blank lines are
 *       skipped (as Go's reader does).</li>
 *   <li>A field may be quoted with {@code "}: it may then hold commas, line breaks and quotes,
 *       a quote written twice ({@code ""}). A line break inside quotes makes the record span
 *       several lines; its line number is the line it starts on.</li>
 *   <li>A quote inside an unquoted field is an error ({@code bare " in non-quoted-field}), and
 *       so is anything but a comma or the end of the line after a closing quote, or a quoted
 *       field still open at the end of the file ({@code extraneous or missing " in
 *       quoted-field}). The reader then skips the rest of that line and goes on with the next
 *       record: one bad line costs one record.</li>
 * </ul>
 *
 * Error texts are Go's {@code csv.ParseError}: {@code parse error on line 3, column 5: bare "
 * in non-quoted-field}, or {@code record on line 2; parse error on line 4, column 1: ...} when
 * the record started on an earlier line. Columns count characters from 1.
 */
final class Csv {

    private Csv() {
    }

    /** Go's {@code csv.ErrBareQuote}. */
    static final String ERR_BARE_QUOTE = "bare \" in non-quoted-field";
    /** Go's {@code csv.ErrQuote}. */
    static final String ERR_QUOTE = "extraneous or missing \" in quoted-field";
    /** Go's {@code csv.ErrFieldCount}. */
    static final String ERR_FIELD_COUNT = "wrong number of fields";

    /** A record and the line it starts on (1-based). */
    record Record(long line, List<String> fields) {
    }

    /** Go's {@code *csv.ParseError}: a record that could not be read. */
    static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;
        final long startLine;

        ParseError(long startLine, long line, long column, String err) {
            super(startLine != line
                    ? "record on line " + startLine + "; parse error on line " + line + ", column " + column + ": " + err
                    : "parse error on line " + line + ", column " + column + ": " + err,
                    null, false, false);
            this.startLine = startLine;
        }
    }

    /** Go's text for a record whose field count differs from the header's. */
    static String fieldCountError(long line) {
        return "record on line " + line + ": " + ERR_FIELD_COUNT;
    }

    /** Reads records from a character stream; not thread-safe (one goroutine reads). */
    static final class Reader {
        private static final int EOF = -1;
        private final java.io.Reader in;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int lim;
        private long line = 1;   // the line of the next character
        private long column;     // characters consumed on the current line
        private final StringBuilder field = new StringBuilder();

        Reader(java.io.Reader in) {
            this.in = in;
        }

        private int peek() throws IOException {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    return EOF;
                }
            }
            return buf[pos];
        }

        /** The next character, counting lines and columns; {@code \r\n} reads as {@code \n}. */
        private int read() throws IOException {
            int c = peek();
            if (c == EOF) {
                return EOF;
            }
            pos++;
            if (c == '\r' && peek() == '\n') {
                pos++;
                c = '\n';
            }
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
            return c;
        }

        private void skipLine() throws IOException {
            for (int c = read(); c != '\n' && c != EOF; c = read()) {
                // the rest of a malformed line is dropped
            }
        }

        /**
         * The next record, or null at the end of the input.
         *
         * @throws ParseError for a malformed record, after skipping the rest of its line
         */
        Record next() throws IOException, ParseError {
            int c;
            while ((c = peek()) == '\n' || c == '\r') { // blank lines
                read();
            }
            if (c == EOF) {
                return null;
            }
            long start = line;
            List<String> fields = new ArrayList<>();
            for (;;) {
                field.setLength(0);
                if (peek() == '"') {
                    read();
                    long qLine = line;
                    long qCol = column;
                    for (;;) {
                        c = read();
                        if (c == EOF) {
                            throw new ParseError(start, qLine, qCol, ERR_QUOTE);
                        }
                        if (c != '"') {
                            field.append((char) c);
                            continue;
                        }
                        c = peek();
                        if (c == '"') {           // "" is a quote
                            read();
                            field.append('"');
                            continue;
                        }
                        if (c == '\r') {
                            if (read() == '\n') {  // read() turns \r\n into \n: the record ends
                                fields.add(field.toString());
                                return new Record(start, fields);
                            }
                            long l = line;
                            long col = column;
                            skipLine();
                            throw new ParseError(start, l, col, ERR_QUOTE);
                        }
                        if (c == ',' || c == '\n' || c == EOF) {
                            break;
                        }
                        read();
                        long l = line;
                        long col = column;
                        skipLine();
                        throw new ParseError(start, l, col, ERR_QUOTE);
                    }
                } else {
                    for (;;) {
                        c = peek();
                        if (c == ',' || c == '\n' || c == EOF) {
                            break;
                        }
                        if (c == '\r') {
                            if (read() == '\n') {   // \r\n ends the record; a lone \r is data
                                fields.add(field.toString());
                                return new Record(start, fields);
                            }
                            field.append('\r');
                            continue;
                        }
                        read();
                        if (c == '"') {
                            long l = line;
                            long col = column;
                            skipLine();
                            throw new ParseError(start, l, col, ERR_BARE_QUOTE);
                        }
                        field.append((char) c);
                    }
                }
                fields.add(field.toString());
                c = read();
                if (c != ',') {                   // '\n' or EOF: the record ends
                    return new Record(start, fields);
                }
            }
        }
    }

    /** Appends {@code field} to {@code sb}, quoted if it holds a comma, a quote or a line break. */
    static void appendField(StringBuilder sb, String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            sb.append(field);
            return;
        }
        sb.append('"').append(field.replace("\"", "\"\"")).append('"');
    }

    /** One CSV line (without its line break) from {@code fields}. */
    static String line(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, fields[i]);
        }
        return sb.toString();
    }
}
