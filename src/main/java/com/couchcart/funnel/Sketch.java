package com.couchcart.funnel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Counts distinct devices: exactly while they are few (up to {@value #EXACT_LIMIT} 64-bit hashes kept sorted), then
 * as a HyperLogLog of 2^{@value #PRECISION} registers (standard error 1.6 %). Merging is a union and takes the
 * larger of each register, so merging the same sketch twice changes nothing: what a report adds up over hours and
 * overlays is the reach of the whole, not the sum of the parts. Immutable.
 */
public final class Sketch {

    static final int EXACT_LIMIT = 256;
    static final int PRECISION = 12;
    private static final int REGISTERS = 1 << PRECISION;
    private static final byte EXACT = 1;
    private static final byte ESTIMATED = 2;
    public static final Sketch EMPTY = new Sketch(new long[0], null);

    /** Sorted distinct hashes while exact; null once estimated. */
    private final long[] hashes;
    /** HyperLogLog registers once estimated; null while exact. */
    private final byte[] registers;

    private Sketch(long[] hashes, byte[] registers) {
        this.hashes = hashes;
        this.registers = registers;
    }

    public static Sketch of(String device) {
        return new Sketch(new long[] {hash(device)}, null);
    }

    /** The sketch of many devices at once (cheaper than adding them one by one). */
    public static Sketch of(java.util.Collection<String> devices) {
        long[] hashes = devices.stream().mapToLong(Sketch::hash).sorted().distinct().toArray();
        return hashes.length <= EXACT_LIMIT ? new Sketch(hashes, null) : new Sketch(null, registersOf(hashes));
    }

    public Sketch with(String device) {
        return merge(of(device));
    }

    public Sketch merge(Sketch other) {
        if (hashes != null && other.hashes != null) {
            long[] union = union(hashes, other.hashes);
            return union.length <= EXACT_LIMIT ? new Sketch(union, null) : new Sketch(null, registersOf(union));
        }
        byte[] merged = hashes == null ? registers.clone() : registersOf(hashes);
        if (other.hashes != null) {
            for (long hash : other.hashes) {
                set(merged, hash);
            }
        } else {
            for (int i = 0; i < REGISTERS; i++) {
                merged[i] = (byte) Math.max(merged[i], other.registers[i]);
            }
        }
        return new Sketch(null, merged);
    }

    /** How many distinct devices: exact while few, estimated (HyperLogLog, small-range corrected) after. */
    public long count() {
        if (hashes != null) {
            return hashes.length;
        }
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += 1.0 / (1L << register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        double estimate = alpha * REGISTERS * REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return Math.round(estimate);
    }

    public byte[] toBytes() {
        if (hashes != null) {
            ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * hashes.length).put(EXACT);
            for (long hash : hashes) {
                buffer.putLong(hash);
            }
            return buffer.array();
        }
        return ByteBuffer.allocate(1 + REGISTERS).put(ESTIMATED).put(registers).array();
    }

    public static Sketch fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return EMPTY;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte kind = buffer.get();
        if (kind == EXACT) {
            long[] hashes = new long[buffer.remaining() / 8];
            for (int i = 0; i < hashes.length; i++) {
                hashes[i] = buffer.getLong();
            }
            return new Sketch(hashes, null);
        }
        if (kind == ESTIMATED && buffer.remaining() == REGISTERS) {
            byte[] registers = new byte[REGISTERS];
            buffer.get(registers);
            return new Sketch(null, registers);
        }
        throw new IllegalArgumentException("Not a sketch");
    }

    private static byte[] registersOf(long[] hashes) {
        byte[] registers = new byte[REGISTERS];
        for (long hash : hashes) {
            set(registers, hash);
        }
        return registers;
    }

    private static void set(byte[] registers, long hash) {
        int index = (int) (hash >>> (64 - PRECISION));
        // The rank of the first 1 bit in the remaining bits; a guard bit bounds it.
        int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
        registers[index] = (byte) Math.max(registers[index], rank);
    }

    private static long[] union(long[] a, long[] b) {
        long[] union = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (n == 0 || union[n - 1] != next) {
                union[n++] = next;
            }
        }
        return Arrays.copyOf(union, n);
    }

    /** FNV-1a over the UTF-8 bytes, finished by SplitMix64's mixer so that every bit depends on every byte. */
    static long hash(String value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
