// FFTW 3 in double precision (Debian's libfftw3-dev, pkg-config `fftw3`): the Fourier
// transforms behind t-SNE's FFT-accelerated repulsion.
#include <fftw3.h>
