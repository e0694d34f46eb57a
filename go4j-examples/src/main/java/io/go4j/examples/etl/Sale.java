package io.go4j.examples.etl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One sales record of the input: {@code date,region,product,quantity,unit_price}, e.g.
 * {@code 2024-03-01,North,Apple,3,0.45}. The date is ISO ({@code YYYY-MM-DD}); region and
 * product are non-empty; the quantity is a positive integer; the unit price is a decimal
 * number of at least 0 with at most two decimal places (an amount of money), so every total
 * is exact.
 */
public record Sale(LocalDate date, String region, String product, long quantity, BigDecimal unitPrice) {

    /** The input's columns, in the order {@link #parse} takes them. */
    public static final List<String> COLUMNS = List.of("date", "region", "product", "quantity", "unit_price");

    /** {@code quantity * unitPrice}, exact. */
    public BigDecimal revenue() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    /** Thrown by {@link #parse} with what is wrong with a field. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The sale in {@code fields} (in {@link #COLUMNS} order).
     *
     * @throws Invalid naming the first field that is wrong, e.g.
     *         {@code quantity "x": not an integer}
     */
    static Sale parse(List<String> fields) throws Invalid {
        String d = fields.get(0);
        LocalDate date;
        try {
            date = LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new Invalid("date \"" + d + "\": not a date (want YYYY-MM-DD)");
        }
        String region = fields.get(1).strip();
        if (region.isEmpty()) {
            throw new Invalid("region is empty");
        }
        String product = fields.get(2).strip();
        if (product.isEmpty()) {
            throw new Invalid("product is empty");
        }
        String q = fields.get(3).strip();
        long quantity;
        try {
            quantity = Long.parseLong(q);
        } catch (NumberFormatException e) {
            throw new Invalid("quantity \"" + q + "\": not an integer");
        }
        if (quantity <= 0) {
            throw new Invalid("quantity " + quantity + ": must be positive");
        }
        String p = fields.get(4).strip();
        BigDecimal price;
        try {
            price = new BigDecimal(p);
        } catch (NumberFormatException e) {
            throw new Invalid("unit_price \"" + p + "\": not a decimal number");
        }
        if (price.signum() < 0) {
            throw new Invalid("unit_price " + p + ": must not be negative");
        }
        if (price.scale() > 2 || p.indexOf('e') >= 0 || p.indexOf('E') >= 0) {
            throw new Invalid("unit_price \"" + p + "\": want a plain amount with at most 2 decimal places");
        }
        return new Sale(date, region, product, quantity, price.setScale(2));
    }
}
