package io.hatidata.wire.pg;

import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enforces the session's {@code statement_timeout}: while a statement runs, a timer on the connection's
 * event loop stands ready to {@linkplain PgConnection#cancelRunningStatement() cancel} it, and the statement
 * then fails with 57014. Closing the timer disarms it. A timeout of 0 (the default) arms nothing.
 *
 * <p>Values follow PostgreSQL: a plain number is milliseconds; units {@code ms}, {@code s}, {@code min},
 * {@code h} and {@code d} are accepted.
 */
final class StatementTimer implements AutoCloseable {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,12})\\s*(ms|s|min|h|d)?\\s*");
    private static final StatementTimer DISARMED = new StatementTimer(null);

    private final ScheduledFuture<?> timer;

    private StatementTimer(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    /** Arms the timer for the statement about to run on this connection. */
    static StatementTimer start(PgConnection connection) {
        long millis = millis(connection.sessionParameters().get("statement_timeout"));
        if (millis <= 0) {
            return DISARMED;
        }
        return new StatementTimer(connection.channel().eventLoop()
                .schedule(connection::cancelRunningStatement, millis, TimeUnit.MILLISECONDS));
    }

    /** The timeout in milliseconds; 0 for none or an unreadable value (SET validates it first). */
    static long millis(String value) {
        Matcher matcher = DURATION.matcher(value == null ? "" : value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return 0;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "s" -> TimeUnit.SECONDS.toMillis(amount);
            case "min" -> TimeUnit.MINUTES.toMillis(amount);
            case "h" -> TimeUnit.HOURS.toMillis(amount);
            case "d" -> TimeUnit.DAYS.toMillis(amount);
            default -> amount;
        };
    }

    static boolean isValid(String value) {
        return value != null && DURATION.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
