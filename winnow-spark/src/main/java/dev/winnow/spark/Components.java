package dev.winnow.spark;

/** Disjoint sets over 0 … n−1 with path halving and union by size: the connected components of the links. */
final class Components {
    private final int[] parent;
    private final int[] size;

    Components(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    void union(int a, int b) {
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

    /** The number of elements in x's component. */
    int size(int x) {
        return size[find(x)];
    }
}
