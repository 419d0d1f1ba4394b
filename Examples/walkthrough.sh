#!/usr/bin/env bash
# A walk through dmlx's headless commands: train, compare, eval. Run from the package root
# after `swift build -c release`. Each step prints what it shows.
set -euo pipefail
dmlx=".build/release/dmlx"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. What is built in"
$dmlx datasets

echo
echo "== 2. Train Proxy-NCA on digits for 5 epochs (a table per epoch; epoch 0 is the untrained model,"
echo "      and the raw-features row is the baseline training must beat), and save a checkpoint"
$dmlx train --data digits --loss proxy-nca --epochs 5 --save "$work/run.ckpt"

echo
echo "== 3. Continue the same run to epoch 8: identical to having trained 8 epochs at once"
$dmlx train --resume "$work/run.ckpt" --epochs 8 --json | tail -n 1

echo
echo "== 4. Triplet (semi-hard mining) against Proxy-NCA from the same initial weights, as JSON"
$dmlx compare --losses triplet,proxy-nca --miner semihard --margin 0.2 --epochs 3 --json \
    | grep -o '"run": "[^"]*", "epoch": [0-9]*\|"map_at_r": [0-9.]*'

echo
echo "== 5. Export the saved run's test embeddings and score them as any other tool's would be"
$dmlx export "$work/run.ckpt" --format npy --out "$work/exported"
$dmlx eval --embeddings "$work/exported/embeddings.npy" --labels "$work/exported/labels.npy" --loss triplet --margin 0.2

echo
echo "== 6. Bad input is refused with the file, the position and what was expected"
printf '1,2,0\n3,x,1\n' > "$work/bad.csv"
$dmlx eval --embeddings "$work/bad.csv" || echo "(exit status $?)"
