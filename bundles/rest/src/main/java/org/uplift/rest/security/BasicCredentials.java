package org.uplift.rest.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of an {@code Authorization: Basic} header (RFC 7617, UTF-8). The password is kept as a
 * char array so the caller can wipe it after the login; it is never part of {@link #toString()}.
 */
public final class BasicCredentials {

    private static final String SCHEME = "basic";

    private final String user;
    private final char[] password;

    private BasicCredentials(String user, char[] password) {
        this.user = user;
        this.password = password;
    }

    /** The credentials of the header, or empty when it is missing, not Basic, or malformed. */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        int space = value.indexOf(' ');
        if (space <= 0 || !value.substring(0, space).equalsIgnoreCase(SCHEME)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
            int colon = -1;
            for (int i = 0; i < chars.length(); i++) {
                if (chars.get(i) == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= 0) {
                return Optional.empty();
            }
            String user = chars.subSequence(0, colon).toString();
            char[] password = new char[chars.length() - colon - 1];
            chars.position(colon + 1);
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return Optional.of(new BasicCredentials(user, password));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    public String user() {
        return user;
    }

    public char[] password() {
        return password;
    }

    /** Overwrites the password once the login is done. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + user + "]";
    }
}
