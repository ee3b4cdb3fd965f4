#!/bin/sh
# Trains (or resumes) the sample StylEx bundle. Everything is regenerated from fixed seeds:
#   data:       synth --count 4000 --seed 20261127 --resolution 64 --format png  (2795 train / 1205 held out)
#               made by the generator of commit 7e2c70c (data digest a30aa8fe4317f170...); later renderer changes
#               give other pixels, and the checkpoint refuses other data, so the set is rebuilt from that commit
#   classifier: train classifier --seed 1 --resolution 64 on that set's train split (written here once)
#   StylEx:     train stylex with the defaults of StylexConfig (seed 20261126, batch 16, 64 px)
# The checkpoint (checkpoint.bin) and the training log (train-log.txt) live in this folder; run this script again to
# resume bit for bit. Set STEPS to the current step count to stop and export the bundle to sample-studies/bundle.
# Usage (from the repository root, after mvn package):  nohup sh sample-studies/bundle-training/run.sh &
set -e
HERE=sample-studies/bundle-training
JAR=${JAR:-target/stylex-audit.jar}
DATA=${DATA:-sample-studies/training-set}
STEPS=${STEPS:-100000}
THREADS=${THREADS:-1}
JAVA="java -Xmx8g -Dai.djl.offline=true -jar $JAR"
if [ ! -f "$DATA/ground-truth.csv" ]; then
  SYNTH=${TMPDIR:-/tmp}/stylex-synth-7e2c70c
  [ -d "$SYNTH" ] || git worktree add --detach "$SYNTH" 7e2c70c
  (cd "$SYNTH" && mvn -o -q -B package -DskipTests)
  java -jar "$SYNTH/target/stylex-audit.jar" synth --out "$DATA" --count 4000 --seed 20261127 --resolution 64 \
    --format png
fi
if [ ! -f "$HERE/classifier.onnx" ]; then
  $JAVA train classifier --labels "$DATA/ground-truth.csv" --out "$HERE/classifier.onnx" --resolution 64 --seed 1
fi
# glibc's allocator returned and re-faulted tensor memory on every step (DJL-NOTES trap 6): keep it in the heap.
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_TOP_PAD_=67108864
exec $JAVA train stylex --images "$DATA" --classifier "$HERE/classifier.onnx" --out sample-studies/bundle \
  --work "$HERE" --resolution 64 --batch 16 --steps "$STEPS" --threads "$THREADS" --checkpoint-minutes 5 --resume \
  >> "$HERE/run.out" 2>&1
