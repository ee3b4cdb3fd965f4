package org.stylexaudit.synth;

import java.time.LocalDate;
import java.util.SplittableRandom;

/** Makes fake patients and UIDs from a random source, deterministically. */
final class FakePatients {

    private static final String[] FAMILY = {"ABERNATHY", "BLACKWOOD", "CASTELLANO", "DANKWORTH", "EKSTROM",
        "FAIRWEATHER", "GALLOWAY", "HOLLINGSWORTH", "IVANOVA", "JANSSEN", "KOWALCZYK", "LINDQVIST", "MARCHETTI",
        "NAKAMURA", "OYELARAN", "PEMBERTON", "QUINTERO", "ROSSITER", "SZABO", "THORNBURY", "UDDIN", "VANTERPOOL",
        "WINTERBOTTOM", "YILMAZ", "ZIELINSKI"};
    private static final String[] GIVEN_F = {"ADA", "BEATRIX", "CLARA", "DORIS", "EDITH", "FREYA", "GRETA",
        "HELENA", "IMOGEN", "JUNO", "LENA", "MIRIAM", "NORA", "OLIVE", "PRIYA", "ROSALIND"};
    private static final String[] GIVEN_M = {"ALBERT", "BRUNO", "CYRUS", "DESMOND", "EMIL", "FELIX", "GIDEON",
        "HUGO", "IGOR", "JONAS", "KASPAR", "LEOPOLD", "MATTEO", "NIKOLAI", "OSWIN", "RUFUS"};

    private FakePatients() {
    }

    static Patient next(SplittableRandom rnd) {
        boolean female = rnd.nextBoolean();
        String[] given = female ? GIVEN_F : GIVEN_M;
        String id = String.format("SYN%07d", rnd.nextInt(10_000_000));
        LocalDate birth = LocalDate.of(1935, 1, 1).plusDays(rnd.nextInt(60 * 365));
        return new Patient(id, FAMILY[rnd.nextInt(FAMILY.length)], given[rnd.nextInt(given.length)], birth,
                female ? "F" : "M");
    }

    /** Returns a UID under the UUID arc 2.25 (PS3.5 B.2) made of 128 random bits, so it is reproducible. */
    static String uid(SplittableRandom rnd) {
        java.math.BigInteger hi = new java.math.BigInteger(Long.toUnsignedString(rnd.nextLong()));
        java.math.BigInteger lo = new java.math.BigInteger(Long.toUnsignedString(rnd.nextLong()));
        java.math.BigInteger v = hi.shiftLeft(64).or(lo);
        return "2.25." + (v.signum() == 0 ? java.math.BigInteger.ONE : v);
    }
}
