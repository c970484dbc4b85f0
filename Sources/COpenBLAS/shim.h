// COpenBLAS: the CBLAS interface of the system OpenBLAS (Debian libopenblas-dev, pthread flavour).
#include <cblas.h>
