package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void matchesIpv4Blocks() {
        Cidr block = Cidr.parse("10.1.0.0/16");
        assertTrue(block.contains("10.1.200.3"));
        assertFalse(block.contains("10.2.0.1"));
        assertTrue(block.contains("::ffff:10.1.0.9"), "IPv4-mapped IPv6 addresses count as IPv4");
        assertTrue(Cidr.parse("192.168.1.7").contains("192.168.1.7"));
        assertFalse(Cidr.parse("192.168.1.7").contains("192.168.1.8"));
        assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
    }

    @Test
    void matchesIpv6Blocks() {
        Cidr block = Cidr.parse("2001:db8::/32");
        assertTrue(block.contains("2001:db8:ffff::1"));
        assertTrue(block.contains("[2001:db8::1]"));
        assertFalse(block.contains("2001:db9::1"));
        assertFalse(block.contains("10.0.0.1"));
        assertTrue(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
    }

    @Test
    void readsSocketAddressesAsFrontEndsReportThem() {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertTrue(loopback.contains("/127.0.0.1:54321"));
        assertTrue(loopback.contains("localhost/127.0.0.1:54321"));
        assertTrue(Cidr.parse("::1/128").contains("/[0:0:0:0:0:0:0:1]:5439"));
        assertTrue(Cidr.parse("fe80::/10").contains("fe80::1%eth0"));
        assertFalse(loopback.contains("/10.0.0.1:54321"));
    }

    @Test
    void refusesWhatIsNotABlock() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(""));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("not-an-address"));
    }

    @Test
    void anEmptyAllowlistAdmitsEveryone() {
        assertTrue(Cidr.admits(List.of(), "203.0.113.5"));
        assertFalse(Cidr.admits(List.of(Cidr.parse("10.0.0.0/8")), "203.0.113.5"));
    }
}
