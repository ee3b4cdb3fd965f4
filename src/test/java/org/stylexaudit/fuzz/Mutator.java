package org.stylexaudit.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Makes broken copies of good files: bit flips, interesting values, truncation and splicing of two seeds. */
public final class Mutator {

    private static final int[] INTERESTING = {0, 0xFF, 0x7F, 0x80, 0xFE};

    private Mutator() {
    }

    /** Returns a mutated copy of one of the seeds, chosen and changed by the given random source. */
    public static byte[] mutate(Random random, List<byte[]> seeds) {
        byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && data.length > 0; e++) {
            switch (random.nextInt(5)) {
                case 0 -> data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data[random.nextInt(data.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> data = Arrays.copyOf(data, random.nextInt(data.length));
                case 3 -> {
                    // Length fields are 2 or 4 bytes: writing a run of 0xFF makes them huge or undefined.
                    int at = random.nextInt(data.length);
                    for (int k = at; k < Math.min(data.length, at + 4); k++) {
                        data[k] = (byte) 0xFF;
                    }
                }
                default -> {
                    byte[] other = seeds.get(random.nextInt(seeds.size()));
                    int cut = random.nextInt(data.length);
                    int from = random.nextInt(other.length);
                    byte[] spliced = Arrays.copyOf(data, cut + other.length - from);
                    System.arraycopy(other, from, spliced, cut, other.length - from);
                    data = spliced;
                }
            }
        }
        return data;
    }
}
