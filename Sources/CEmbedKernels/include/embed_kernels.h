// CEmbedKernels: the CPU features the encoder dispatches on, read with cpuid at run time, and the kernels that need
// instructions beyond the x86-64 baseline. Every such kernel carries its instruction set as a per-function target
// attribute, so the package builds without -m flags and a kernel is only called after `mc_cpu_features()` says the
// CPU (and the operating system, for the wide registers) supports it.
#ifndef EMBED_KERNELS_H
#define EMBED_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Feature bits returned by `mc_cpu_features`.
enum {
    MC_CPU_AVX2 = 1u << 0,        ///< AVX2 with the OS saving the ymm state
    MC_CPU_FMA = 1u << 1,         ///< FMA3
    MC_CPU_AVX512F = 1u << 2,     ///< AVX-512 Foundation with the OS saving the zmm and mask state
    MC_CPU_AVX512BW = 1u << 3,    ///< AVX-512 byte and word instructions
    MC_CPU_AVX512VL = 1u << 4,    ///< AVX-512 vector-length extensions
    MC_CPU_AVX512DQ = 1u << 5,    ///< AVX-512 doubleword and quadword instructions
    MC_CPU_AVX512VNNI = 1u << 6,  ///< AVX-512 VNNI (vpdpbusd: int8 dot products)
    MC_CPU_AVX512BF16 = 1u << 7,  ///< AVX-512 BF16 (vdpbf16ps)
    MC_CPU_AVXVNNI = 1u << 8,     ///< AVX-VNNI (vpdpbusd on 256-bit vectors, VEX-encoded; no AVX-512 needed)
    MC_CPU_AMXINT8 = 1u << 9,     ///< AMX tiles with int8 products (tdpbusd), the OS saving the tile state and
                                  ///< granting this process its use (Linux: arch_prctl ARCH_REQ_XCOMP_PERM)
};

/// The features of the CPU this process runs on, as a mask of `MC_CPU_*` bits (cpuid leaves 1 and 7, xgetbv). Where
/// the CPU and the OS have AMX, the first call also asks Linux for the tile state (for the whole process), and
/// `MC_CPU_AMXINT8` is set only when that was granted.
uint32_t mc_cpu_features(void);

/// Bytes of the packed int8 weights of an `n`×`k` Linear layer (`n` a multiple of 16, `k` a multiple of 4).
size_t mc_int8_packed_size(int n, int k);

/// Quantizes the weights `w[n][k]` (fp32, row-major as PyTorch stores a Linear) to int8 with one scale per output
/// channel (`scales[n]`, max |w| / 127), packed in panels of 16 channels by groups of 4 inputs for `vpdpbusd`;
/// `sums[n]` receives each channel's sum of quantized weights. Plain C: runs on any CPU.
void mc_int8_pack_weights(const float *w, int n, int k, int8_t *packed, float *scales, int32_t *sums);

/// What `mc_int8_linear_avx512vnni` applies to each output after the bias.
typedef enum {
    MC_INT8_PLAIN = 0,  ///< nothing: the product (plus bias)
    MC_INT8_GELU = 1,   ///< GELU, erf form, as `mc_gelu_bias_avx512` computes it (bit for bit)
} mc_int8_epilogue;

/// `out[m][n] = epilogue(x[m][k] · wᵀ (+ bias))` with the activations quantized per row to unsigned 8 bits (zero point 128)
/// and the weights as packed by `mc_int8_pack_weights`, accumulated exactly in int32 by AVX-512 VNNI. With `smooth`
/// (k factors, or NULL) each input channel is multiplied by its factor before quantization, for weights that were
/// divided by the same factors before packing: it moves an activation channel's outliers into the weights. Rows are
/// quantized a tile at a time into `scratch` (`mc_int8_scratch_size(k)` bytes, 64-byte aligned); `packed` is read in
/// 64-byte vectors, so it runs fastest 64-byte aligned. Call only when `mc_cpu_features()` has
/// `MC_CPU_AVX512F | MC_CPU_AVX512BW | MC_CPU_AVX512VNNI`.
void mc_int8_linear_avx512vnni(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                               const float *scales, const int32_t *sums, const float *bias,
                               mc_int8_epilogue epilogue, int n, float *out, void *scratch);

/// `mc_int8_linear_avx512vnni` on 256-bit vectors: the same arguments, the same packed weights and the same outputs,
/// bit for bit. Call only when `mc_cpu_features()` has `MC_CPU_AVX2 | MC_CPU_FMA | MC_CPU_AVXVNNI`.
void mc_int8_linear_avxvnni(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                            const float *scales, const int32_t *sums, const float *bias,
                            mc_int8_epilogue epilogue, int n, float *out, void *scratch);

/// `mc_int8_linear_avx512vnni` on AMX tiles: the same arguments, the same packed weights (a 16-channel panel's 64-byte
/// groups are the rows of a tile's right operand) and the same int32 sums, so the same outputs, bit for bit; the
/// quantization and the epilogue are the AVX-512 kernel's. `k` must be a multiple of 64. Call only when
/// `mc_cpu_features()` has `MC_CPU_AMXINT8 | MC_CPU_AVX512F | MC_CPU_AVX512BW | MC_CPU_AVX512VNNI`.
void mc_int8_linear_amx(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                        const float *scales, const int32_t *sums, const float *bias,
                        mc_int8_epilogue epilogue, int n, float *out, void *scratch);

/// Bytes of scratch the int8 kernels need for rows of `k` inputs: one tile of quantized rows (the largest, AMX's 32),
/// whatever the number of rows.
size_t mc_int8_scratch_size(int k);

/// In place, `p[r] = GELU(p[r] + bias)` (exact-erf form) for `rows` rows of `dim` values, `dim` a multiple of 16.
/// Call only when `mc_cpu_features()` has `MC_CPU_AVX512F`.
void mc_gelu_bias_avx512(float *p, int rows, int dim, const float *bias);

/// In-place softmax of one row of `count` values in `padded` slots (a multiple of 16 ≥ count; the pad slots are
/// overwritten with ≈ 0). Call only when `mc_cpu_features()` has `MC_CPU_AVX512F`.
void mc_softmax_row_avx512(float *p, int count, int padded);

/// `mc_gelu_bias_avx512` on 256-bit vectors, `dim` a multiple of 8. Call only when `mc_cpu_features()` has
/// `MC_CPU_AVX2 | MC_CPU_FMA`.
void mc_gelu_bias_avx2(float *p, int rows, int dim, const float *bias);

/// `mc_softmax_row_avx512` on 256-bit vectors (`padded` a multiple of 8 ≥ count). Call only when `mc_cpu_features()`
/// has `MC_CPU_AVX2 | MC_CPU_FMA`.
void mc_softmax_row_avx2(float *p, int count, int padded);

#endif
