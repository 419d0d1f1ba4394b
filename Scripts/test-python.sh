#!/usr/bin/env bash
# The Python half of the tests: creates .venv-test (once) with what the recorder and its
# tests need, and runs pytest on python/. Part of README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-test/bin/python ]; then
    python3 -m venv .venv-test
    .venv-test/bin/pip install -q --upgrade pip
fi
.venv-test/bin/pip install -q numpy pytest
.venv-test/bin/python -m pytest -q python
