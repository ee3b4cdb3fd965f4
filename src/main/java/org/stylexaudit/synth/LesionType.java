package org.stylexaudit.synth;

/** The lesion kinds drawn on the synthetic fundus; only red lesions and hard exudates drive the label. */
public enum LesionType {
    /** Small round dark-red dot. */
    MICROANEURYSM("microaneurysms", true),
    /** Dot/blot haemorrhage: larger, irregular dark-red blob. */
    HAEMORRHAGE("haemorrhages", true),
    /** Hard exudate: sharp-edged bright yellow deposit. */
    HARD_EXUDATE("hard_exudates", true),
    /** Cotton-wool spot: pale, fuzzy, whitish patch (recorded, does not drive the label). */
    COTTON_WOOL_SPOT("cotton_wool_spots", false),
    /** Druse: small, faint, pale-yellow dot near the macula (recorded, does not drive the label). */
    DRUSE("drusen", false);

    private final String column;
    private final boolean drivesLabel;

    LesionType(String column, boolean drivesLabel) {
        this.column = column;
        this.drivesLabel = drivesLabel;
    }

    /** Returns the ground-truth column holding this type's count. */
    public String column() {
        return column;
    }

    /** Tells whether this lesion type enters the referable_dr rule. */
    public boolean drivesLabel() {
        return drivesLabel;
    }

    /** Tells whether the lesion is red (microaneurysm or haemorrhage). */
    public boolean isRed() {
        return this == MICROANEURYSM || this == HAEMORRHAGE;
    }
}
