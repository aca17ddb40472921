package io.hatidata.policy.abac;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ABAC conditions (SPEC §2.7.3): attribute → operators, all of which must hold. Operators: {@code in},
 * {@code not_in} (lists), {@code equals}, {@code not_equals}, {@code cidr}, {@code not_cidr} (lists of
 * CIDR blocks; the attribute is an IP address), and for {@code time_of_week}: {@code outside_hours} /
 * {@code within_hours} ({@code {start: "08:00", end: "18:00", timezone: "UTC"}}) and {@code outside_days} /
 * {@code within_days} (day names). A multi-valued attribute ({@code resource.table}) satisfies {@code in}
 * and {@code equals} when any value does, {@code not_in} and {@code not_equals} when all do. A missing
 * attribute satisfies only the negative operators.
 */
final class Conditions {
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]+");

    private Conditions() {}

    static boolean hold(Map<?, ?> conditions, Map<String, List<String>> attributes, ZonedDateTime now) {
        for (Map.Entry<?, ?> each : conditions.entrySet()) {
            String attribute = String.valueOf(each.getKey());
            if (!(each.getValue() instanceof Map<?, ?> operators)) {
                return false;
            }
            if (attribute.equals("time_of_week")) {
                // outside_hours / outside_days: either one is enough ("outside business hours")
                boolean any = false;
                for (Map.Entry<?, ?> operator : operators.entrySet()) {
                    any |= holds(String.valueOf(operator.getKey()), operator.getValue(), List.of("now"), now);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            for (Map.Entry<?, ?> operator : operators.entrySet()) {
                List<String> values = attributes.getOrDefault(attribute, List.of());
                if (!holds(String.valueOf(operator.getKey()), operator.getValue(), values, now)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, Object argument, List<String> values, ZonedDateTime now) {
        return switch (operator) {
            case "in" -> values.stream().anyMatch(v -> strings(argument).stream().anyMatch(v::equalsIgnoreCase));
            case "not_in" -> values.stream().noneMatch(v -> strings(argument).stream().anyMatch(v::equalsIgnoreCase));
            case "equals" -> values.stream().anyMatch(v -> v.equalsIgnoreCase(String.valueOf(argument)));
            case "not_equals" -> values.stream().noneMatch(v -> v.equalsIgnoreCase(String.valueOf(argument)));
            case "cidr" -> values.stream().anyMatch(v -> strings(argument).stream().anyMatch(c -> inCidr(v, c)));
            case "not_cidr" -> values.stream().noneMatch(v -> strings(argument).stream().anyMatch(c -> inCidr(v, c)));
            case "outside_hours" -> !withinHours(argument, now);
            case "within_hours" -> withinHours(argument, now);
            case "outside_days" -> onDays(argument, now, zone(argument));
            case "within_days" -> !onDays(argument, now, zone(argument));
            default -> false;
        };
    }

    /** Whether the time (in the argument's time zone) is in [start, end). */
    static boolean withinHours(Object argument, ZonedDateTime now) {
        if (!(argument instanceof Map<?, ?> hours)) {
            return false;
        }
        ZonedDateTime local = now.withZoneSameInstant(zone(argument));
        LocalTime start = LocalTime.parse(String.valueOf(hours.get("start")));
        LocalTime end = LocalTime.parse(String.valueOf(hours.get("end")));
        LocalTime time = local.toLocalTime();
        return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }

    /** For outside_days: whether today (UTC, or the zone given next to hours) is one of the listed days. */
    private static boolean onDays(Object argument, ZonedDateTime now, ZoneId zone) {
        DayOfWeek today = now.withZoneSameInstant(zone).getDayOfWeek();
        for (String each : strings(argument)) {
            if (DayOfWeek.valueOf(each.toUpperCase(Locale.ROOT)) == today) {
                return true;
            }
        }
        return false;
    }

    private static ZoneId zone(Object argument) {
        if (argument instanceof Map<?, ?> map && map.get("timezone") != null) {
            return ZoneId.of(String.valueOf(map.get("timezone")));
        }
        return ZoneId.of("UTC");
    }

    static boolean inCidr(String address, String cidr) {
        int slash = cidr.indexOf('/');
        String network = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!IP.matcher(address).matches() || !IP.matcher(network).matches()) {
            return false; // only literal addresses: never a name lookup
        }
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            byte[] n = InetAddress.getByName(network).getAddress();
            if (a.length != n.length) {
                return false;
            }
            int bits = slash < 0 ? a.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > a.length * 8) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(a.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(bits).not();
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
        } catch (UnknownHostException | NumberFormatException ex) {
            return false;
        }
    }

    static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object each : list) {
                result.add(String.valueOf(each));
            }
        } else if (value != null) {
            result.add(String.valueOf(value));
        }
        return result;
    }
}
