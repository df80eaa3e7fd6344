package dev.palette.sdk.core.internal.reconcile;

import java.security.SecureRandom;
import java.util.Set;

/**
 * Machine names: {@code <pool>-<5 random characters>}, a DNS label that becomes the node name. The name
 * is written to the store before the machine is created, so it is also the idempotency key that stops a
 * retried or restarted create from making a second machine.
 */
final class MachineNames {
    private static final char[] ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MachineNames() {
    }

    static String next(String pool, Set<String> taken) {
        while (true) {
            StringBuilder sb = new StringBuilder(pool.length() + 6).append(pool).append('-');
            for (int i = 0; i < 5; i++) {
                sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
            String name = sb.toString();
            if (!taken.contains(name)) {
                return name;
            }
        }
    }
}
