#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>

/// deflateInit2 is a macro (it passes the zlib version and sizeof(z_stream)); Swift cannot call it directly.
/// windowBits 31 = 15 + 16 asks zlib for a gzip wrapper (header with mtime 0, so output is deterministic).
static inline int czlib_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// inflateInit2 with automatic zlib/gzip header detection (used by tests and self-checks).
static inline int czlib_inflate_init_auto(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);
}
#endif
