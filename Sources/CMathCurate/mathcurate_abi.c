/* The C ABI of libmathcurate is declared in include/mathcurate.h and implemented in Swift (Sources/MathCurateC).
 * This target only carries the header, so that the Swift side is compiled against the very types C callers see. */
#include "mathcurate.h"

_Static_assert(sizeof(mathcurate_options) == 24, "mathcurate_options layout");
_Static_assert(sizeof(mathcurate_results) == 48, "mathcurate_results layout");
