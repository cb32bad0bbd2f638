package dev.winnow.train.nmt;

import dev.winnow.select.Strategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodSpecTest {
    @Test
    void parsesEveryForm() {
        assertEquals(MethodSpec.Kind.RANDOM, MethodSpec.parse("random").kind());
        assertEquals(Strategy.HARD, MethodSpec.parse("Longest").strategy().strategy());
        assertEquals(Strategy.EASY, MethodSpec.parse("external").strategy().strategy());
        MethodSpec cat = MethodSpec.parse("cat@3:hard");
        assertEquals(MethodSpec.Kind.PROXY, cat.kind());
        assertEquals("cat@3", cat.score().toString());
        assertTrue(MethodSpec.parse("dynamic:uniform:keep").usesKeep());
        assertFalse(MethodSpec.parse("dynamic:infobatch:0.5").usesKeep());
    }

    @Test
    void refusesWhatIsNotAMethod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodSpec.parse("shortest"));
        assertTrue(e.getMessage().startsWith("method 'shortest': "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.parse("cat:hard"));
    }
}
