package org.stylexaudit.attfind;

import java.util.List;

/**
 * The effects AttFind measured: for every image and every evaluated column (a direction and a searchable
 * coordinate), the change of every class probability, {@code C(G(s')) - C(G(s))}. The exhaustive search evaluates
 * all {@code 2 x coordinates} columns, the screened search only its candidates.
 *
 * @param columns the evaluated columns
 * @param effects {@code effects[image][column][class]}
 * @param largeEffectShare per image, the share of all columns (estimated where not evaluated) with a large effect
 */
public record EffectTable(List<Column> columns, float[][][] effects, double[] largeEffectShare) {

    /**
     * One direction of one searchable coordinate.
     *
     * @param direction +1 (towards the maximum) or -1 (towards the minimum)
     * @param coordinate the searchable coordinate index (see {@link SearchSpace})
     */
    public record Column(int direction, int coordinate) {
    }

    /** Copies the column list. */
    public EffectTable {
        columns = List.copyOf(columns);
    }

    /** Returns the number of images. */
    public int images() {
        return effects.length;
    }

    /** Returns the index of a column, or -1 when it was not evaluated. */
    public int indexOf(Column c) {
        return columns.indexOf(c);
    }

    /** Returns every column of a search space: direction -1 then +1 for each coordinate. */
    public static List<Column> allColumns(SearchSpace space) {
        List<Column> cols = new java.util.ArrayList<>(2 * space.size());
        for (int j = 0; j < space.size(); j++) {
            cols.add(new Column(-1, j));
            cols.add(new Column(1, j));
        }
        return cols;
    }
}
