package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenABasicHeader_whenParsed_thenUserAndPasswordSplitAtTheFirstColon() {
        BasicCredentials c = BasicCredentials.parse(basic("operator:s3:cr\u00e9t")).orElseThrow();
        assertEquals("operator", c.user());
        assertArrayEquals("s3:cr\u00e9t".toCharArray(), c.password());
        BasicCredentials spaced = BasicCredentials.parse("  bAsIc   " + basic("viewer:pw").substring(6) + " ")
                .orElseThrow();
        assertEquals("viewer", spaced.user(), "the scheme is case-insensitive, spaces around the value are allowed");
    }

    @Test
    void givenNoOrAnotherOrAMalformedHeader_whenParsed_thenNothing() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer abc").isEmpty());
        assertTrue(BasicCredentials.parse("Basic").isEmpty());
        assertTrue(BasicCredentials.parse("Basic !!!not-base64").isEmpty());
        assertTrue(BasicCredentials.parse(basic("no-colon")).isEmpty());
        assertTrue(BasicCredentials.parse(basic(":password-without-user")).isEmpty());
        assertTrue(
                BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(new byte[]{'u', ':', (byte) 0xff}))
                        .isEmpty(),
                "not UTF-8");
    }

    @Test
    void givenCredentials_whenPrintedOrWiped_thenThePasswordIsNotThere() {
        BasicCredentials c = BasicCredentials.parse(basic("viewer:hunter2")).orElseThrow();
        assertFalse(c.toString().contains("hunter2"), c.toString());
        c.wipe();
        assertArrayEquals(new char[7], c.password());
    }
}
