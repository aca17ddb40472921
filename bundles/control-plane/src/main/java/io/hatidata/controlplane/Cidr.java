package io.hatidata.controlplane;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One IPv4 or IPv6 block in CIDR form ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a
 * single-address block). Parsing accepts numeric addresses only and never resolves names.
 */
record Cidr(byte[] network, int prefixLength, String text) {
    private static final Pattern NUMERIC = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * Parses a block; the host bits must be zero.
     *
     * @throws IllegalArgumentException when the text is not a CIDR block
     */
    static Cidr parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = numeric(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address block: " + text);
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("not an IP address block: " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range: " + text);
            }
        }
        if (!matches(bytes, bytes, prefix) || !hostBitsZero(bytes, prefix)) {
            throw new IllegalArgumentException("host bits set in " + text);
        }
        return new Cidr(bytes, prefix, trimmed);
    }

    /** Whether the address (numeric text) is in this block; false for anything that is not an address. */
    boolean contains(String address) {
        byte[] bytes = numeric(stripZone(address));
        if (bytes == null) {
            return false;
        }
        if (bytes.length == 16 && network.length == 4 && isMappedV4(bytes)) {
            bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes.length == network.length && matches(network, bytes, prefixLength);
    }

    /** Whether an allowlist admits the address: an empty list admits every address. */
    static boolean admits(List<Cidr> allowlist, String address) {
        return allowlist.isEmpty() || allowlist.stream().anyMatch(each -> each.contains(address));
    }

    private static boolean matches(byte[] network, byte[] address, int prefix) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (network[full] & mask) == (address[full] & mask);
    }

    private static boolean hostBitsZero(byte[] bytes, int prefix) {
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    /**
     * The numeric host of an address as front-ends report it: {@code 10.0.0.1}, {@code ::1}, or a socket
     * address such as {@code /10.0.0.1:5432}, {@code host/10.0.0.1:5432} or {@code /[::1]:5432} (Java's
     * {@code InetSocketAddress} form); a zone ({@code %eth0}) is dropped.
     */
    static String stripZone(String address) {
        if (address == null) {
            return "";
        }
        String result = address.trim();
        int slash = result.lastIndexOf('/');
        if (slash >= 0) {
            result = result.substring(slash + 1);
        }
        if (result.startsWith("[")) {
            int end = result.indexOf(']');
            result = end < 0 ? result.substring(1) : result.substring(1, end);
        } else if (result.indexOf(':') >= 0 && result.indexOf(':') == result.lastIndexOf(':')) {
            result = result.substring(0, result.indexOf(':'));
        }
        int zone = result.indexOf('%');
        return zone < 0 ? result : result.substring(0, zone);
    }

    private static byte[] numeric(String address) {
        if (address.isEmpty() || !NUMERIC.matcher(address).matches()) {
            return null;
        }
        if (address.indexOf(':') < 0 && address.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            // numeric text only (checked above), so no name resolution happens
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException ex) {
            return null;
        }
    }
}
