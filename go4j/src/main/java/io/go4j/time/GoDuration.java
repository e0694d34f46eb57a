package io.go4j.time;

import java.math.BigInteger;
import java.time.Duration;

/** Go's {@code time.Duration.String()} for {@link Duration}s. */
final class GoDuration {

    private GoDuration() {
    }

    static String format(Duration d) {
        boolean neg = d.isNegative();
        BigInteger ns = BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano())).abs();
        String s;
        if (ns.signum() == 0) {
            return "0s";
        }
        if (ns.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
            long u = ns.longValue();
            if (u < 1_000L) {
                s = u + "ns";
            } else if (u < 1_000_000L) {
                s = fraction(u, 3) + "µs";
            } else {
                s = fraction(u, 6) + "ms";
            }
        } else {
            BigInteger[] sr = ns.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
            BigInteger secs = sr[0];
            long frac = sr[1].longValue();
            BigInteger[] hm = secs.divideAndRemainder(BigInteger.valueOf(3600));
            long rest = hm[1].longValue();
            long m = rest / 60;
            long sec = rest % 60;
            StringBuilder b = new StringBuilder();
            if (hm[0].signum() > 0) {
                b.append(hm[0]).append('h').append(m).append('m');
            } else if (m > 0) {
                b.append(m).append('m');
            }
            b.append(fraction(sec * 1_000_000_000L + frac, 9)).append('s');
            s = b.toString();
        }
        return neg ? "-" + s : s;
    }

    /** {@code v / 10^digits} with the fraction's trailing zeros (and a bare point) removed. */
    private static String fraction(long v, int digits) {
        long pow = 1;
        for (int i = 0; i < digits; i++) {
            pow *= 10;
        }
        long whole = v / pow;
        long frac = v % pow;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", frac);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + f.substring(0, end);
    }
}
