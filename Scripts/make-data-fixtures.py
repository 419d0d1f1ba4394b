#!/usr/bin/env python3
"""Writes the NumPy and IDX fixtures of Tests/DMLXEngineTests/Fixtures/data with the real
numpy, so the Swift loaders are tested against files NumPy itself produced.
Usage: python Scripts/make-data-fixtures.py (needs numpy)."""
import gzip
import os
import struct

import numpy as np

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "DMLXEngineTests", "Fixtures", "data")
os.chdir(out)
f32 = np.array([[1.5, -2.25, 3.0], [0.1, 1e-3, 65504.0]], dtype=np.float32)
np.save("float32.npy", f32)
np.save("float64.npy", np.array([[1.0, 2.5], [-3.125, 4.0], [1e10, -0.5]], dtype=np.float64))
np.save("labels-int64.npy", np.array([3, 0, 7, 7, 1], dtype=np.int64))
np.save("labels-uint8.npy", np.array([9, 0, 255], dtype=np.uint8))
with open("float32-v2.npy", "wb") as fh:
    np.lib.format.write_array(fh, f32, version=(2, 0))
with open("int32-v3.npy", "wb") as fh:
    np.lib.format.write_array(fh, np.array([[1, -2], [3, 4]], dtype=np.int32), version=(3, 0))
np.save("fortran.npy", np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
np.save("big-endian.npy", np.array([[1.5, 2.0]], dtype=">f4"))
np.save("float16.npy", np.array([[1, 2]], dtype=np.float16))
images = np.array([[[0, 255, 51], [102, 0, 0]], [[1, 2, 3], [4, 5, 6]], [[255] * 3, [0] * 3]], dtype=np.uint8)
with gzip.open("tiny-images-idx3-ubyte.gz", "wb") as fh:
    fh.write(struct.pack(">IIII", 0x803, 3, 2, 3) + images.tobytes())
with gzip.open("tiny-labels-idx1-ubyte.gz", "wb") as fh:
    fh.write(struct.pack(">II", 0x801, 3) + bytes([4, 0, 9]))
# A small gzip bomb: the header declares 10 labels, the stream inflates to 32 MiB more.
with gzip.GzipFile("bomb-labels-idx1-ubyte.gz", "wb", compresslevel=9, mtime=0) as fh:
    fh.write(struct.pack(">IIxxxxxxxxxx", 0x801, 10))
    fh.write(bytes(32 << 20))
