package org.stylexaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void change_weakEffects_keepTheirFirstSignificantDigit() {
        assertEquals("+0.004", Formats.change(0.0042));
        assertEquals("-0.006", Formats.change(-0.0061));
        assertEquals("+0.21", Formats.change(0.2149));
        assertEquals("+0.00", Formats.change(0.0));
    }
}
