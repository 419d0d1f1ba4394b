// faiss's headers include <omp.h>, which Debian installs only in GCC's private include
// directory (libgomp's, /usr/lib/gcc/x86_64-linux-gnu/N/include): Swift's clang searches
// its own resource directory instead. This forwards to the GCC version present.
#if __has_include("/usr/lib/gcc/x86_64-linux-gnu/16/include/omp.h")
#include "/usr/lib/gcc/x86_64-linux-gnu/16/include/omp.h"
#elif __has_include("/usr/lib/gcc/x86_64-linux-gnu/15/include/omp.h")
#include "/usr/lib/gcc/x86_64-linux-gnu/15/include/omp.h"
#elif __has_include("/usr/lib/gcc/x86_64-linux-gnu/14/include/omp.h")
#include "/usr/lib/gcc/x86_64-linux-gnu/14/include/omp.h"
#elif __has_include("/usr/lib/gcc/x86_64-linux-gnu/13/include/omp.h")
#include "/usr/lib/gcc/x86_64-linux-gnu/13/include/omp.h"
#elif __has_include("/usr/lib/gcc/x86_64-linux-gnu/12/include/omp.h")
#include "/usr/lib/gcc/x86_64-linux-gnu/12/include/omp.h"
#else
#error "omp.h not found: install libgomp's headers (GCC, e.g. package gcc)"
#endif
