package com.couchcart.handoff;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 8628 user codes: 8 characters from 20 consonants (no vowels, so no words; no look-alike digits), shown
 * {@code XXXX-XXXX}, matched case- and dash-insensitively. 20^8 ≈ 2.6·10^10 codes; guessing is rate limited.
 */
final class UserCodes {

    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    private static final int LENGTH = 8;
    private static final Pattern NORMALIZED = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserCodes() {
    }

    /** A new code in its normalized form (no dash). */
    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed ("bcdf-ghjk", "BCDF GHJK") in its normalized form, or null when it cannot be a code. */
    static String normalize(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String code = SEPARATORS.matcher(typed).replaceAll("").toUpperCase(Locale.ROOT);
        return NORMALIZED.matcher(code).matches() ? code : null;
    }

    /** The code as shown: {@code XXXX-XXXX}. */
    static String display(String code) {
        return code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2);
    }
}
