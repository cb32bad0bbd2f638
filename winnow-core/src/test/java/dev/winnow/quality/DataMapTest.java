package dev.winnow.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DataMapTest {
    @Test
    void regionsFollowTheDocumentedCuts() {
        DataMap m = new DataMap(new float[] {0.9f, 0.9f, 0.2f, 0.5f, 0.49f, Float.NaN},
                new float[] {0.05f, 0.2f, 0.1f, 0.19f, 0.0f, Float.NaN}, new float[6]);
        assertThat(m.region(0)).isEqualTo(DataMap.Region.EASY);
        assertThat(m.region(1)).isEqualTo(DataMap.Region.AMBIGUOUS); // variability at the cut is ambiguous
        assertThat(m.region(2)).isEqualTo(DataMap.Region.HARD);
        assertThat(m.region(3)).isEqualTo(DataMap.Region.EASY);      // confidence at the cut is easy
        assertThat(m.region(4)).isEqualTo(DataMap.Region.HARD);
        assertThat(m.region(5)).isNull();
        assertThat(m.regionCounts()).containsExactly(2, 1, 2);
    }
}
