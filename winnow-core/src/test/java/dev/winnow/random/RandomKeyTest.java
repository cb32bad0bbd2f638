package dev.winnow.random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RandomKeyTest {
    @Test
    void firstOutputOfSplitMix64FromStateZeroIsTheReferenceValue() {
        // Vigna's splitmix64.c seeded with x = 0: first next() is 0xE220A8397B1DCDAF.
        assertThat(RandomKey.splitmix64(0L)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(RandomKey.key(0L, 0L)).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void seedEntersMultipliedByTheGoldenGamma() {
        // seed 1, id 0: state = gamma, so the key is the first output of SplitMix64 in state gamma,
        // which is the second output of the generator in state 0: 0x6E789E6AA1B965F4.
        assertThat(RandomKey.key(1L, 0L)).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(RandomKey.key(3L, 5L)).isEqualTo(RandomKey.splitmix64(3L * 0x9E3779B97F4A7C15L + 5L));
    }

    @Property(tries = 200)
    void equalsTheJdkSplittableRandomFirstOutput(@ForAll long seed, @ForAll long id) {
        long state = seed * 0x9E3779B97F4A7C15L + id;
        assertThat(RandomKey.key(seed, id)).isEqualTo(new SplittableRandom(state).nextLong());
    }

    @Test
    void keysCompareUnsigned() {
        assertThat(RandomKey.compare(-1L, 1L)).isPositive();
        assertThat(RandomKey.compare(Long.MIN_VALUE, Long.MAX_VALUE)).isPositive();
        assertThat(RandomKey.compare(7L, 7L)).isZero();
    }

    @Test
    void unitIsTheTop24BitsOverTwoTo24() {
        assertThat(RandomKey.unit(0xE220A8397B1DCDAFL)).isEqualTo(0xE220A8 / 16777216f);
        assertThat(RandomKey.unit(-1L)).isEqualTo(16777215f / 16777216f).isLessThan(1f);
        assertThat(RandomKey.unit(0L)).isZero();
        assertThat(RandomKey.key(2, 0)).isEqualTo(0x06C45D188009454FL);
    }
}
