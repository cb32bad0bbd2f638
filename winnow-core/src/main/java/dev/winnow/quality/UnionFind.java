package dev.winnow.quality;

/**
 * Disjoint sets over 0 … n−1 with path halving and union by size: the connected components of near-duplicate
 * links, in the core's search ({@link NearDuplicates}) and in the one on Spark.
 */
public final class UnionFind {
    private final int[] parent;
    private final int[] size;

    /** n singleton sets. */
    public UnionFind(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    /** The root of x's set. */
    public int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Joins the sets of a and b. */
    public void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
    }

    /** The number of elements in x's set. */
    public int size(int x) {
        return size[find(x)];
    }
}
