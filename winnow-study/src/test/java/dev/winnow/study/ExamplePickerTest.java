package dev.winnow.study;

import dev.winnow.study.results.ExtremeExamples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExamplePickerTest {
    /** Three 1×2 images; the picker keeps each score's 24 hardest and easiest, here all three. */
    static class Tiny implements StudyData {
        @Override
        public String name() {
            return "tiny";
        }

        @Override
        public int size() {
            return 3;
        }

        @Override
        public int classes() {
            return 2;
        }

        @Override
        public int[] labels() {
            return new int[] {0, 1, 1};
        }

        @Override
        public long[] ids() {
            return new long[] {30, 10, 20};
        }

        @Override
        public int[] imageShape() {
            return new int[] {1, 2};
        }

        @Override
        public float[] image(int index) {
            return new float[] {0f, index == 0 ? 1f : 0.5f};
        }
    }

    @Test
    void picksTheExtremesWithTheirPixelsAndTrainingLabels() {
        ExtremeExamples e = ExamplePicker.of(new Tiny(), 4, new int[] {1, 1, 1}, List.of(new float[] {0.1f, 0.9f, 0.5f}));
        assertThat(e.kind()).isEqualTo("image");
        assertThat(e.shape()).containsExactly(1, 2);
        assertThat(e.seed()).isEqualTo(4);
        // in index order, keyed by id
        assertThat(e.examples().keySet()).containsExactly(30L, 10L, 20L);
        // pixel 1 → 255, 0.5 → round(127.5) = 128
        assertThat(e.example(30).pixelBytes()).containsExactly(0, 255);
        assertThat(e.example(10).pixelBytes()).containsExactly(0, 128);
        assertThat(e.example(30).flipped()).as("trained as 1, is 0").isTrue();
        assertThat(e.example(20).flipped()).isFalse();
    }

    @Test
    void dataWithNothingToShowHasNoExamples() {
        StudyData plain = new Tiny() {
            @Override
            public int[] imageShape() {
                return null;
            }
        };
        ExtremeExamples e = ExamplePicker.of(plain, 0, new int[] {0, 1, 1}, List.of(new float[] {1, 2, 3}));
        assertThat(e.kind()).isEqualTo("none");
        assertThat(e.examples()).isEmpty();
    }
}
