package org.stylexaudit.train.nn;

/**
 * How a weight is initialised and scaled at run time.
 *
 * <p>With equalized learning rate (Karras et al., ProGAN/StyleGAN) the stored weight is N(0, 1/lrMul) and the
 * forward pass multiplies it by {@code gain * lrMul / sqrt(fan_in)}, so every layer learns at the same speed under
 * Adam; otherwise the stored weight is already N(0, gain / sqrt(fan_in)) and used as is.
 *
 * @param initStd standard deviation of the stored weight at initialisation
 * @param runtimeScale factor applied to the stored weight in every forward pass (and baked into exports)
 */
record WeightInit(double initStd, double runtimeScale) {

    static WeightInit of(boolean equalized, double gain, double fanIn) {
        return of(equalized, gain, fanIn, 1.0);
    }

    static WeightInit of(boolean equalized, double gain, double fanIn, double lrMultiplier) {
        double he = gain / Math.sqrt(fanIn);
        return equalized ? new WeightInit(1.0 / lrMultiplier, he * lrMultiplier) : new WeightInit(he, 1.0);
    }
}
