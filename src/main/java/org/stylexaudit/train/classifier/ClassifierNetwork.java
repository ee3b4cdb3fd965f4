package org.stylexaudit.train.classifier;

import org.stylexaudit.train.nn.AvgPool2x2;
import org.stylexaudit.train.nn.BatchNorm2d;
import org.stylexaudit.train.nn.Chain;
import org.stylexaudit.train.nn.Conv;
import org.stylexaudit.train.nn.Dense;
import org.stylexaudit.train.nn.GlobalAvgPool;
import org.stylexaudit.train.nn.Relu;

/**
 * Builds the sample classifier: per stage a 3x3 convolution (no bias; batch norm follows), batch norm, ReLU and
 * 2x2 average pooling; then global average pooling and a linear layer to the two logits.
 */
final class ClassifierNetwork {

    private ClassifierNetwork() {
    }

    /** Returns an uninitialised network for {@code config}. */
    static Chain build(ClassifierConfig config) {
        Chain net = new Chain();
        int in = 3;
        for (int out : config.channels()) {
            net.with(Conv.builder(in, out, 3).samePadding().bias(false).gain(Math.sqrt(2)).build())
                    .with(new BatchNorm2d(out))
                    .with(new Relu())
                    .with(new AvgPool2x2());
            in = out;
        }
        return net.with(new GlobalAvgPool()).with(Dense.builder(in, ClassifierConfig.CLASS_NAMES.size()).build());
    }
}
