#!/usr/bin/env bash
# Creates .venv-peers: the libraries `dmlx bench --maps` measures itself against, at the
# versions the README's numbers come from. About 200 MB from PyPI; not needed by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-peers
.venv-peers/bin/pip install -q --upgrade pip
.venv-peers/bin/pip install -q numpy scikit-learn==1.9.1 openTSNE==1.0.4 umap-learn==0.5.12
echo "peers ready: .venv-peers/bin/python"
