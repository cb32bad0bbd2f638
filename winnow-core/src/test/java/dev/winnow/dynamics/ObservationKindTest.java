package dev.winnow.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Observation kinds read from a manifest: the two names, and unknown ones refused on one line. */
class ObservationKindTest {

    @Test
    void readsBothKinds() {
        assertEquals(ObservationKind.CHECKPOINT, ObservationKind.of("checkpoint"));
        assertEquals(ObservationKind.PRESENTATION, ObservationKind.of("presentation"));
    }

    /** A fuzzed manifest held a kind with a line separator in it; the message echoed it raw, on two lines. */
    @Test
    void unknownKindIsShownOnOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObservationKind.of("pr\u2028esentation\n"));
        assertEquals("observation kind 'pr\\u2028esentation\\n' (expected checkpoint or presentation)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
