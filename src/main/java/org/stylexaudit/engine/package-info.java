/**
 * Model bundles and inference: {@link org.stylexaudit.engine.Bundle} (the verified artifact, written by
 * {@link org.stylexaudit.engine.BundleWriter}), {@link org.stylexaudit.engine.EngineSession} (closeable ONNX Runtime
 * sessions with batching and device choice) and {@link org.stylexaudit.engine.ImageTensors} (images to tensors and
 * back). The bundle format is described in docs/bundle.md.
 */
package org.stylexaudit.engine;
