# Sourced by test-python.sh and make-peers-venv.sh: TORCH, pip's arguments for PyTorch
# 2.13.0's CPU build. PyPI's torch wheel pulls the CUDA libraries (gigabytes); the CPU build
# is 190 MB. Machines of this workplace keep it in /opt/wheels; elsewhere it comes from
# PyTorch's own index.
TORCH=(torch==2.13.0+cpu)
if [ -d /opt/wheels ]; then TORCH+=(--find-links /opt/wheels); else TORCH+=(--extra-index-url https://download.pytorch.org/whl/cpu); fi
