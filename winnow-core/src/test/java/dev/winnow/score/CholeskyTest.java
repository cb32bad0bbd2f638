package dev.winnow.score;

import dev.winnow.WinnowException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CholeskyTest {
    @Test
    void choleskySolvesASmallSystem() {
        // [[4,2],[2,3]] x = [2,1]  ->  x = [0.5, 0]; only the lower triangle is read
        double[] a = {4, 99, 2, 3};
        Cholesky.factor(a, 2);
        double[] b = {2, 1};
        Cholesky.solve(a, 2, b);
        assertThat(b[0]).isCloseTo(0.5, within(1e-15));
        assertThat(b[1]).isCloseTo(0.0, within(1e-15));
        assertThatThrownBy(() -> Cholesky.factor(new double[] {1, 0, 2, 1}, 2))
                .isInstanceOf(WinnowException.class).hasMessageContaining("positive definite");
    }
}
