#include <zlib.h>

// inflateInit2 is a macro; Swift can only call the function behind it.
static inline int dmlx_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2_(stream, windowBits, ZLIB_VERSION, (int)sizeof(z_stream));
}
