#include "CFaiss.h"

#include <faiss/IVFlib.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVF.h>
#include <faiss/index_factory.h>

#include <omp.h>

#include <cstring>
#include <exception>
#include <stdexcept>
#include <memory>
#include <string>

struct CFaissIndex {
    std::unique_ptr<faiss::Index> index;
};

namespace {

void write(const std::string &text, char *message, size_t capacity) {
    if (message == nullptr || capacity == 0) return;
    std::strncpy(message, text.c_str(), capacity - 1);
    message[capacity - 1] = '\0';
}

/// Runs `body`, turning any exception (faiss's own, bad_alloc, ...) into -1 and a message.
template <typename Body>
int guarded(char *message, size_t capacity, Body body) {
    try {
        body();
        return 0;
    } catch (const std::exception &error) {
        write(error.what(), message, capacity);
    } catch (...) {
        write("unknown error in faiss", message, capacity);
    }
    return -1;
}

void useThreads(int threads) { omp_set_num_threads(threads > 0 ? threads : 1); }

}  // namespace

extern "C" {

int cfaiss_index_new(const char *description, int dimension, CFaissIndex **index, char *message, size_t capacity) {
    *index = nullptr;
    return guarded(message, capacity, [&] {
        auto made = std::make_unique<CFaissIndex>();
        made->index.reset(faiss::index_factory(dimension, description, faiss::METRIC_L2));
        *index = made.release();
    });
}

int cfaiss_index_set(CFaissIndex *index, const char *name, int64_t value, char *message, size_t capacity) {
    return guarded(message, capacity, [&] {
        const std::string key(name);
        auto *ivf = faiss::ivflib::try_extract_index_ivf(index->index.get());
        auto *hnsw = dynamic_cast<faiss::IndexHNSW *>(index->index.get());
        if (ivf != nullptr && key == "nprobe") {
            ivf->nprobe = static_cast<size_t>(value);
        } else if (ivf != nullptr && key == "niter") {
            ivf->cp.niter = static_cast<int>(value);
        } else if (hnsw != nullptr && key == "efSearch") {
            hnsw->hnsw.efSearch = static_cast<int>(value);
        } else if (hnsw != nullptr && key == "efConstruction") {
            hnsw->hnsw.efConstruction = static_cast<int>(value);
        } else {
            throw std::invalid_argument("this index has no parameter " + key);
        }
    });
}

int cfaiss_index_train(CFaissIndex *index, int64_t count, const float *vectors, int threads,
                       char *message, size_t capacity) {
    return guarded(message, capacity, [&] {
        useThreads(threads);
        index->index->train(count, vectors);
    });
}

int cfaiss_index_add(CFaissIndex *index, int64_t count, const float *vectors, int threads,
                     char *message, size_t capacity) {
    return guarded(message, capacity, [&] {
        useThreads(threads);
        index->index->add(count, vectors);
    });
}

int cfaiss_index_search(const CFaissIndex *index, int64_t count, const float *queries, int64_t k, int threads,
                        float *squaredDistances, int64_t *labels, char *message, size_t capacity) {
    return guarded(message, capacity, [&] {
        useThreads(threads);
        static_assert(sizeof(faiss::Index::idx_t) == sizeof(int64_t), "faiss labels are 64-bit");
        index->index->search(count, queries, k, squaredDistances, reinterpret_cast<faiss::Index::idx_t *>(labels));
    });
}

int64_t cfaiss_index_count(const CFaissIndex *index) { return index->index->ntotal; }

void cfaiss_index_free(CFaissIndex *index) { delete index; }

}
