package org.stylexaudit.synth;

/**
 * The rule that turns lesion factors into the {@code referable_dr} label (before label noise): an eye is referable
 * when it shows at least {@value #MIN_RED_LESIONS} red lesions (microaneurysms plus haemorrhages) or at least
 * {@value #MIN_EXUDATES} hard exudates. Cotton-wool spots and drusen are drawn but do not enter the rule, so only
 * two visually distinct lesion kinds drive the label.
 */
public final class ReferableDr {

    /** Red lesions that make an eye referable. */
    public static final int MIN_RED_LESIONS = 6;
    /** Hard exudates that make an eye referable. */
    public static final int MIN_EXUDATES = 3;

    private ReferableDr() {
    }

    /** Applies the rule to the factors of one eye. */
    public static boolean of(FundusFactors f) {
        return of(f.redLesions(), f.count(LesionType.HARD_EXUDATE));
    }

    /** Applies the rule to lesion counts. */
    public static boolean of(int redLesions, int hardExudates) {
        return redLesions >= MIN_RED_LESIONS || hardExudates >= MIN_EXUDATES;
    }
}
