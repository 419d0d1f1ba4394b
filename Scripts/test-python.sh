#!/usr/bin/env bash
# The Python half of the tests, part of README's test command: creates .venv-test (once)
# with the recorder's needs and, for the end-to-end test, PyTorch's CPU build,
# pytorch-metric-learning and faiss-cpu (its AccuracyCalculator's search); then runs pytest
# on python/ (the end-to-end tests need the release build of dmlx, which README's command
# makes first).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-test/bin/python ]; then
    python3 -m venv .venv-test
    .venv-test/bin/pip install -q --upgrade pip
fi
source Scripts/torch-cpu.sh
.venv-test/bin/pip install -q numpy pytest "${TORCH[@]}" pytorch-metric-learning==2.9.0 faiss-cpu
DMLX_REQUIRE_TORCH=1 .venv-test/bin/python -m pytest -q python
