package dev.winnow.select;

import dev.winnow.io.ScoreTable;
import dev.winnow.random.RandomKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * DESIGN.md's selection rules written as literally as possible (full sorts with comparators, boxed lists),
 * as an independent oracle for the engine. Slow; for small inputs only.
 */
final class ReferenceSelector {
    private ReferenceSelector() {
    }

    /** Kept id -> weight, ordered by id. */
    static TreeMap<Long, Double> select(ScoreTable t, SelectOptions o) {
        int n = t.size();
        int k = o.resolve(n);
        TreeMap<Long, Double> out = new TreeMap<>();
        if (!o.classBalanced()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            group(t, o, all, k, out);
            return out;
        }
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byClass.computeIfAbsent(t.labels()[i], c -> new ArrayList<>()).add(i);
        }
        List<Integer> labels = new ArrayList<>(byClass.keySet());
        long[] q = new long[labels.size()];
        long[] rem = new long[labels.size()];
        long sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            long nc = byClass.get(labels.get(c)).size();
            q[c] = (long) k * nc / n;
            rem[c] = (long) k * nc % n;
            sum += q[c];
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            order.add(c);
        }
        order.sort(Comparator.<Integer>comparingLong(c -> -rem[c]).thenComparing(c -> labels.get(c)));
        for (int j = 0; j < k - sum; j++) {
            q[order.get(j)]++;
        }
        for (int c = 0; c < labels.size(); c++) {
            if (q[c] > 0) {
                group(t, o, byClass.get(labels.get(c)), (int) q[c], out);
            }
        }
        return out;
    }

    static long key(ScoreTable t, long seed, int i) {
        return RandomKey.key(seed, t.ids()[i]);
    }

    static Comparator<Integer> hardOrder(ScoreTable t, long seed) {
        return (a, b) -> {
            int c = Float.compare(t.scores()[b] + 0.0f, t.scores()[a] + 0.0f);
            return c != 0 ? c : keyOrder(t, seed).compare(a, b);
        };
    }

    static Comparator<Integer> easyOrder(ScoreTable t, long seed) {
        return (a, b) -> {
            int c = Float.compare(t.scores()[a] + 0.0f, t.scores()[b] + 0.0f);
            return c != 0 ? c : keyOrder(t, seed).compare(a, b);
        };
    }

    static Comparator<Integer> keyOrder(ScoreTable t, long seed) {
        return (a, b) -> {
            int c = Long.compareUnsigned(key(t, seed, a), key(t, seed, b));
            return c != 0 ? c : Long.compare(t.ids()[a], t.ids()[b]);
        };
    }

    private static void group(ScoreTable t, SelectOptions o, List<Integer> members, int q, TreeMap<Long, Double> out) {
        int nc = members.size();
        long seed = o.seed();
        List<Integer> hard = new ArrayList<>(members);
        hard.sort(hardOrder(t, seed));
        switch (o.strategy()) {
            case HARD -> hard.subList(0, q).forEach(i -> out.put(t.ids()[i], 1.0));
            case EASY -> {
                List<Integer> easy = new ArrayList<>(members);
                easy.sort(easyOrder(t, seed));
                easy.subList(0, q).forEach(i -> out.put(t.ids()[i], 1.0));
            }
            case WINDOW -> {
                int skip = (int) Math.min((long) Math.floor(o.offset() * nc), nc - q);
                hard.subList(skip, skip + q).forEach(i -> out.put(t.ids()[i], 1.0));
            }
            case RANDOM -> {
                List<Integer> r = new ArrayList<>(members);
                r.sort(keyOrder(t, seed));
                r.subList(0, q).forEach(i -> out.put(t.ids()[i], 1.0));
            }
            case CALIBRATED -> {
                int ks = (int) Math.floor(o.alpha() * q);
                int kr = q - ks;
                double w = (double) (nc - ks) / kr;
                hard.subList(0, ks).forEach(i -> out.put(t.ids()[i], 1.0));
                List<Integer> rest = new ArrayList<>(hard.subList(ks, nc));
                rest.sort(keyOrder(t, seed));
                rest.subList(0, kr).forEach(i -> out.put(t.ids()[i], w));
            }
            case STRATIFIED -> {
                int drop = (int) Math.min((long) Math.floor(o.dropHardest() * nc), nc - q);
                List<Integer> rest = hard.subList(drop, nc);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i : rest) {
                    lo = Math.min(lo, t.scores()[i]);
                    hi = Math.max(hi, t.scores()[i]);
                }
                int bins = o.bins();
                List<List<Integer>> bin = new ArrayList<>();
                for (int b = 0; b < bins; b++) {
                    bin.add(new ArrayList<>());
                }
                for (int i : rest) {
                    int b = hi == lo ? 0
                            : (int) Math.min(bins - 1, Math.floor((t.scores()[i] - lo) / (hi - lo) * bins));
                    bin.get(b).add(i);
                }
                List<Integer> visit = new ArrayList<>();
                for (int b = 0; b < bins; b++) {
                    visit.add(b);
                }
                visit.sort(Comparator.<Integer>comparingInt(b -> bin.get(b).size()).thenComparing(b -> b));
                int remaining = q;
                for (int v = 0; v < bins; v++) {
                    List<Integer> members2 = bin.get(visit.get(v));
                    int take = Math.min(members2.size(), remaining / (bins - v));
                    remaining -= take;
                    members2.sort(keyOrder(t, seed));
                    members2.subList(0, take).forEach(i -> out.put(t.ids()[i], 1.0));
                }
            }
            default -> throw new IllegalStateException();
        }
    }
}
