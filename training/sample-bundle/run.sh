#!/bin/sh
# Trains (or resumes) the sample StylEx bundle. Everything is regenerated from fixed seeds with the current tool:
#   data:       synth --count 4000 --seed 11 --resolution 128 --format png   (the set docs/classifier.md uses;
#               the trainer area-averages it to 64 px; train split for training, validation + test held out)
#   classifier: the sample classifier of docs/classifier.md (train classifier --resolution 64 --epochs 8 --seed 1
#               --threads 1, with the seed-12 shortcut-free set), committed here as classifier.onnx + .json
#   StylEx:     train stylex with the defaults of StylexConfig (seed 20261126, batch 16, 64 px), in two phases:
#               steps 0-2540 with the defaults of commit 106b2b7 (encoder learning rate 2e-4, plain L1 w
#               reconstruction, nearest skip upsampling: --hyper lrEncoder=2e-4 --hyper wRecLoss=l1
#               --hyper skipUpsample=nearest --hyper wNorm=none with today's tool), then a warm start from that checkpoint
#               (git show 106b2b7:training/sample-bundle/checkpoint.bin > ckpt-2540.bin; --warm-start ckpt-2540.bin)
#               with today's defaults. docs/training.md, "Sample bundle", says why.
# The checkpoint (checkpoint.bin) and the training log (train-log.txt) live in this folder; run this script again to
# resume bit for bit. Set STEPS to the current step count to stop and export the bundle to OUT (sample-studies/bundle).
# RUN=training/sample-bundle-wnorm continues the candidate run instead: trained from scratch to step 3209 with the
# defaults of 2026-11-27 (standardized w; docs/training.md, "Standardized w"), same data and classifier, then warm
# started with the texture term (textureWeight 1 to step 3450, 5 after it; docs/training.md, "Where the lesions are
# lost"), so it resumes with --hyper textureWeight=5.
# RUN=training/sample-bundle-recon continues the sixth session's run: the candidate's step 5000, warm started with
# frozen noise inputs (--hyper noiseMaps=fixed) to step 5800 with the adversary, then reconstruction only (warmupSteps
# 100000: no discriminator, no noise batches; docs/training.md, "Noise inputs and a reconstruction-only phase").
# Its committed checkpoint is step 12245 (seventh session); the sample bundle is its step 9213 (from git, see
# docs/training.md, "Sample bundle").
# RUN=training/sample-bundle-peak continues the seventh session's experiment P: C's step 12245, warm started with
# the texture term's peak statistic (--hyper texturePeakPower=8; docs/training.md, "Faint lesions"). Its checkpoint
# is not committed: without one the run warm starts again from the committed step 12245 of C.
# RUN=training/sample-bundle-tail continues the eighth session's experiment L: C's step 12245, warm started with the
# tail term (--hyper tailWeight=4; docs/training.md, "The tail term"). Its checkpoint is not committed either.
# RUN=training/sample-bundle-tiles continues experiment LT: L's step 13667 warm started with the tail term per tile
# of a 4x4 grid (--hyper tailTiles=4).
# RUN=training/sample-bundle-tiles12 continues LT12: LT's step 14850 warm started with --hyper tailWeight=12. Its
# committed checkpoint is step 16725, the sample bundle of the eighth and ninth sessions (STEPS=16725 exports it).
# RUN=training/sample-bundle-tiles24 continues the ninth session's experiment LT24: LT12's step 16725 warm started
# with --hyper tailWeight=24. RUN=training/sample-bundle-yellow continues experiment Y: LT24's step 18380 warm started
# with the green-minus-blue band in the tail term (--hyper tailOpponent=2; docs/training.md, "Yellow exudates").
# RUN=training/sample-bundle-lr continues experiment LT24/4: LT24's step 18380 warm started with a quarter of the
# learning rates (2.5e-4 for synthesis, styles and encoder).
# RUN=training/sample-bundle-code continues the tenth session's experiment S: LT12's step 16725 warm started with the
# encoder's spatial code (--hyper spatialCode=2; docs/training.md, "Spatial code"). Its committed checkpoint is
# step 20320, the sample bundle since the tenth session (RUN=training/sample-bundle-code STEPS=20320 exports it).
# Usage (from the repository root, after mvn package):  nohup sh training/sample-bundle/run.sh &
set -e
HERE=training/sample-bundle
RUN=${RUN:-$HERE}
OUT=${OUT:-sample-studies/bundle}
JAR=${JAR:-target/stylex-audit.jar}
DATA=${DATA:-training/data}
STEPS=${STEPS:-100000}
THREADS=${THREADS:-1}
# The committed checkpoint of this folder is phase 1 (step 2540): it resumes and exports only with the values it was
# trained with. The candidate run uses today's defaults plus the texture term.
# The reconstruction-only settings every run since the sixth session shares (docs/training.md, "Noise inputs").
RECON="--hyper textureWeight=5 --hyper noiseMaps=fixed --hyper warmupSteps=100000"
if [ "$RUN" = "$HERE" ]; then
  HYPER=${HYPER-"--hyper lrEncoder=2e-4 --hyper wRecLoss=l1 --hyper skipUpsample=nearest --hyper wNorm=none"}
elif [ "$RUN" = "training/sample-bundle-wnorm" ]; then
  HYPER=${HYPER-"--hyper textureWeight=5"}
elif [ "$RUN" = "training/sample-bundle-recon" ]; then
  HYPER=${HYPER-"$RECON"}
elif [ "$RUN" = "training/sample-bundle-peak" ]; then
  HYPER=${HYPER-"$RECON --hyper texturePeakPower=8
    --warm-start training/sample-bundle-recon/checkpoint.bin"}
elif [ "$RUN" = "training/sample-bundle-tail" ]; then
  HYPER=${HYPER-"$RECON --hyper tailWeight=4
    --warm-start training/sample-bundle-recon/checkpoint.bin"}
elif [ "$RUN" = "training/sample-bundle-tiles12" ]; then
  HYPER=${HYPER-"$RECON --hyper tailWeight=12
    --hyper tailTiles=4"}
elif [ "$RUN" = "training/sample-bundle-tiles24" ]; then
  HYPER=${HYPER-"$RECON --hyper tailWeight=24
    --hyper tailTiles=4 --warm-start training/sample-bundle-tiles12/checkpoint.bin"}
elif [ "$RUN" = "training/sample-bundle-yellow" ]; then
  HYPER=${HYPER-"$RECON --hyper tailWeight=24
    --hyper tailTiles=4 --hyper tailOpponent=2 --warm-start training/sample-bundle-tiles24/checkpoint.bin"}
elif [ "$RUN" = "training/sample-bundle-lr" ]; then
  HYPER=${HYPER-"$RECON --hyper tailWeight=24
    --hyper tailTiles=4 --hyper lrSynthesis=2.5e-4 --hyper lrStyles=2.5e-4 --hyper lrEncoder=2.5e-4
    --warm-start training/sample-bundle-tiles24/checkpoint.bin"}
elif [ "$RUN" = "training/sample-bundle-code" ]; then
  HYPER=${HYPER-"$RECON --hyper tailWeight=12
    --hyper tailTiles=4 --hyper spatialCode=2 --warm-start training/sample-bundle-tiles12/checkpoint.bin"}
elif [ "$RUN" = "training/sample-bundle-tiles" ]; then
  HYPER=${HYPER-"$RECON --hyper tailWeight=4
    --hyper tailTiles=4"}
else
  HYPER=${HYPER-}
fi
JAVA="java -Xmx8g -Dai.djl.offline=true -jar $JAR"
if [ ! -f "$DATA/ground-truth.csv" ]; then
  $JAVA synth --out "$DATA" --count 4000 --seed 11 --resolution 128 --format png
fi
if [ ! -f "$HERE/classifier.onnx" ]; then
  FREE=${TMPDIR:-/tmp}/stylex-shortcut-free
  [ -f "$FREE/ground-truth.csv" ] || $JAVA synth --out "$FREE" --count 1000 --seed 12 --resolution 128 --format png \
    --shortcut-strength 0
  $JAVA train classifier --labels "$DATA/ground-truth.csv" --out "$HERE/classifier.onnx" --resolution 64 \
    --epochs 8 --seed 1 --threads 1 --shortcut-free-labels "$FREE/ground-truth.csv"
fi
# On some AVX-512 CPUs (seen on AMD EPYC) PyTorch 2.7.1's oneDNN AVX-512 and AVX2 kernels compute wrong 3x3
# convolution gradients; capping oneDNN at AVX gives the right ones (docs/training.md, "Known CPU fault").
export ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA:-AVX}
# glibc's allocator returned and re-faulted tensor memory on every step (DJL-NOTES trap 6): keep it in the heap.
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_TOP_PAD_=67108864
exec $JAVA train stylex --images "$DATA" --classifier "$HERE/classifier.onnx" --out "$OUT" \
  --work "$RUN" --resolution 64 --batch 16 --steps "$STEPS" --threads "$THREADS" --checkpoint-minutes 5 --resume $HYPER \
  >> "$RUN/run.out" 2>&1
