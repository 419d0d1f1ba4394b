#!/usr/bin/env bash
# Creates (or completes) .venv-peers: every library `dmlx bench --peers .venv-peers/bin/python`
# measures itself against, at the versions the README's numbers come from — PyTorch's CPU
# build with pytorch-metric-learning (training), faiss-cpu (retrieval, --scale),
# metric-learn (--classic), openTSNE and umap-learn (--maps). About 600 MB; not needed by
# the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-peers/bin/python ]; then python3 -m venv .venv-peers; fi
.venv-peers/bin/pip install -q --upgrade pip
source Scripts/torch-cpu.sh
.venv-peers/bin/pip install -q numpy scikit-learn==1.9.1 openTSNE==1.0.4 umap-learn==0.5.12 metric-learn==0.7.0 \
    "${TORCH[@]}" pytorch-metric-learning==2.9.0 faiss-cpu==1.15.1
echo "peers ready: .venv-peers/bin/python"
