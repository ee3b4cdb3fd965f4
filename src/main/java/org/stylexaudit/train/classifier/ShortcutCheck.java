package org.stylexaudit.train.classifier;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures how much a classifier leans on the camera: learns which label each camera mostly carries in the
 * training data, then splits a shortcut-free set into images whose camera "agrees" with their label (congruent)
 * and images whose camera points to the other label (incongruent). A classifier that reads the colour cast is
 * right on the first and wrong on the second.
 */
final class ShortcutCheck {

    private ShortcutCheck() {
    }

    /**
     * Accuracies on the two halves.
     *
     * @param congruent accuracy where the camera's usual training label equals the true label (null if none)
     * @param incongruent accuracy where it does not (null if none)
     * @param congruentImages number of congruent images
     * @param incongruentImages number of incongruent images
     */
    record Result(Double congruent, Double incongruent, int congruentImages, int incongruentImages) {
    }

    /** Returns, per camera in the training set, the label most of its images carry (ties go to 1). */
    static Map<String, Integer> cameraLabels(ImageSet train) {
        Map<String, int[]> counts = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            String cam = train.cameras().get(i);
            if (!cam.isEmpty()) {
                counts.computeIfAbsent(cam, k -> new int[2])[train.labels()[i]]++;
            }
        }
        Map<String, Integer> majority = new TreeMap<>();
        counts.forEach((cam, c) -> majority.put(cam, c[1] >= c[0] ? 1 : 0));
        return majority;
    }

    /** Splits {@code set} by camera congruence and returns the classifier's accuracy on each part. */
    static Result evaluate(TrainedClassifier classifier, ImageSet set, Map<String, Integer> cameraLabels) {
        float[][] logits = classifier.logits(set.pixels());
        int[] right = new int[2];
        int[] total = new int[2];
        for (int i = 0; i < set.size(); i++) {
            Integer usual = cameraLabels.get(set.cameras().get(i));
            if (usual == null) {
                continue;
            }
            int part = usual == set.labels()[i] ? 0 : 1;
            int predicted = logits[i][1] > logits[i][0] ? 1 : 0;
            total[part]++;
            right[part] += predicted == set.labels()[i] ? 1 : 0;
        }
        return new Result(total[0] == 0 ? null : (double) right[0] / total[0],
                total[1] == 0 ? null : (double) right[1] / total[1], total[0], total[1]);
    }
}
