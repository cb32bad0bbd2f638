package dev.winnow.random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomKeyTest {
    @Test
    void matchesTheSplitMix64ReferenceOutputs() {
        // Vigna's SplitMix64 from state 0 outputs E220A8397B1DCDAF, 6E789E6AA1B965F4, 06C45D188009454F:
        // key(s, id) = splitmix64(s * gamma + id) steps from state s * gamma + id, so
        assertThat(RandomKey.key(0, 0)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(RandomKey.key(1, 0)).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(RandomKey.key(2, 0)).isEqualTo(0x06C45D188009454FL);
        // gamma * 2 = gamma * 1 + gamma, so seed 1 at id gamma is seed 2 at id 0
        assertThat(RandomKey.key(1, RandomKey.GOLDEN_GAMMA)).isEqualTo(RandomKey.key(2, 0));
    }

    @Test
    void unitIsTheTop24BitsOverTwoTo24() {
        assertThat(RandomKey.unit(0xE220A8397B1DCDAFL)).isEqualTo(0xE220A8 / 16777216f);
        assertThat(RandomKey.unit(-1L)).isEqualTo(16777215f / 16777216f).isLessThan(1f);
        assertThat(RandomKey.unit(0L)).isZero();
    }
}
