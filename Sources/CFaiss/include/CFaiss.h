// A small C interface to faiss (Debian's libfaiss-dev ships only the C++ library, no C
// API): an index made by faiss's index_factory, trained, filled in chunks and searched,
// with Euclidean (squared L2) distances. No C++ exception crosses it: every call that can
// fail returns 0 on success, or -1 with a message written into `message` (at most
// `capacity` bytes, NUL-terminated). `threads` caps the OpenMP threads of that one call:
// OpenMP's thread count is per calling thread, so it is set on each call.
#ifndef CFAISS_H
#define CFAISS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct CFaissIndex CFaissIndex;

/// A new, empty index of `dimension`-dimensional vectors described by faiss's factory
/// string (e.g. "IVF4000,Flat", "HNSW32,Flat").
int cfaiss_index_new(const char *description, int dimension, CFaissIndex **index, char *message, size_t capacity);

/// Sets "nprobe" or "niter" (k-means iterations of the coarse quantizer) of an IVF
/// index, or "efSearch" or "efConstruction" of an HNSW index.
int cfaiss_index_set(CFaissIndex *index, const char *name, int64_t value, char *message, size_t capacity);

/// Trains the index on `count` row-major vectors (a no-op for indexes that need none).
int cfaiss_index_train(CFaissIndex *index, int64_t count, const float *vectors, int threads,
                       char *message, size_t capacity);

/// Adds `count` row-major vectors, numbered after those already added.
int cfaiss_index_add(CFaissIndex *index, int64_t count, const float *vectors, int threads,
                     char *message, size_t capacity);

/// The `k` nearest indexed vectors of each of `count` queries, nearest first: `labels`
/// and `squaredDistances` hold `count × k` entries; missing places get label -1.
int cfaiss_index_search(const CFaissIndex *index, int64_t count, const float *queries, int64_t k, int threads,
                        float *squaredDistances, int64_t *labels, char *message, size_t capacity);

/// How many vectors the index holds.
int64_t cfaiss_index_count(const CFaissIndex *index);

void cfaiss_index_free(CFaissIndex *index);

#ifdef __cplusplus
}
#endif

#endif
