package org.stylexaudit.synth.probe;

/**
 * Counts connected blobs (8-connected) in a mask of the canonical grid, ignoring specks below a minimum area and
 * regions too large to be one lesion (a dark or bright field, not a spot).
 */
final class Blobs {

    /** The count and total area (grid pixels) of the blobs kept. */
    record Result(int count, int area) {
    }

    private Blobs() {
    }

    static Result count(boolean[] mask, int minArea, int maxArea) {
        int n = Canonical.N;
        boolean[] seen = new boolean[mask.length];
        int[] stack = new int[mask.length];
        int count = 0;
        int area = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            int size = 0;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int px = p % n;
                int py = p / n;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = px + dx;
                        int y = py + dy;
                        if (x < 0 || y < 0 || x >= n || y >= n) {
                            continue;
                        }
                        int q = y * n + x;
                        if (mask[q] && !seen[q]) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (size >= minArea && size <= maxArea) {
                count++;
                area += size;
            }
        }
        return new Result(count, area);
    }
}
