// OpenBLAS's CBLAS interface. Debian ships no cblas.pc; pkg-config `openblas`
// puts the openblas-pthread include directory (with this cblas.h) on the path.
#include <cblas.h>
