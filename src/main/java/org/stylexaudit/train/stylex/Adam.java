package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Updates one network with Adam, keeping moments in plain parameter sets so that checkpoints can save them and a
 * resumed run continues bit for bit (DJL's built-in optimizer state cannot be serialised).
 */
final class Adam implements AutoCloseable {

    private final ParamSet params;
    private final ParamSet m;
    private final ParamSet v;
    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private long t;

    Adam(ParamSet params, NDManager parent, float lr, float beta1, float beta2, float eps) {
        this.params = params;
        this.m = params.copy(params.net() + ".m", parent, true);
        this.v = params.copy(params.net() + ".v", parent, true);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /**
     * Applies one update from the accumulated gradients, zeroes them, and switches the parameters' gradient
     * recording off (PyTorch refuses in-place updates of leaves that record gradients, and DJL hands out a
     * gradient only while recording is on, so the gradients are taken first).
     */
    void step() {
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr * Math.sqrt(bc2) / bc1);
        try (NDManager tmp = params.manager().newSubManager()) {
            Map<String, NDArray> grads = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : params.values().entrySet()) {
                grads.put(e.getKey(), own(tmp, e.getValue().getGradient()));
            }
            params.setTrainable(false);
            for (Map.Entry<String, NDArray> e : params.values().entrySet()) {
                NDArray p = e.getValue();
                NDArray g = grads.get(e.getKey());
                NDArray mi = m.get(e.getKey());
                NDArray vi = v.get(e.getKey());
                mi.muli(beta1).addi(own(tmp, g.mul(1 - beta1)));
                vi.muli(beta2).addi(own(tmp, g.square().muli(1 - beta2)));
                NDArray denom = own(tmp, vi.sqrt()).addi(eps * (float) Math.sqrt(bc2));
                p.subi(own(tmp, mi.div(denom)).muli(stepSize));
                g.muli(0f);
            }
        }
    }

    private static NDArray own(NDManager tmp, NDArray a) {
        a.attach(tmp);
        return a;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(t);
        m.write(out);
        v.write(out);
    }

    void read(DataInputStream in) throws IOException {
        read(in, false);
    }

    /** Reads the state; with {@code allowMissing} moments of parameters the stream lacks stay zero. */
    void read(DataInputStream in, boolean allowMissing) throws IOException {
        t = in.readLong();
        m.read(in, allowMissing);
        v.read(in, allowMissing);
    }

    @Override
    public void close() {
        m.close();
        v.close();
    }
}
