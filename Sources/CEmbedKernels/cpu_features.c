// cpuid and xgetbv: which of the encoder's instruction sets this CPU and operating system support.
#define _GNU_SOURCE  // syscall() under -std=c11
#include "embed_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

// Asks Linux to let this process use the AMX tile data (state component 18); the grant is for every thread.
static int request_amx_tiles(void) {
#if defined(__linux__) && defined(SYS_arch_prctl)
    enum { ARCH_REQ_XCOMP_PERM = 0x1023, XFEATURE_XTILEDATA = 18 };
    return syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) == 0;
#else
    return 0;
#endif
}

static uint64_t read_xcr0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

uint32_t mc_cpu_features(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1;
    if (!osxsave || !avx) return 0;
    uint64_t xcr0 = read_xcr0();
    int os_ymm = (xcr0 & 0x6) == 0x6;      // SSE and AVX state
    int os_zmm = (xcr0 & 0xe6) == 0xe6;    // plus opmask, upper zmm0-15 and zmm16-31
    if (!os_ymm) return 0;
    uint32_t out = fma ? MC_CPU_FMA : 0;
    if (__get_cpuid_max(0, 0) < 7) return out;
    __cpuid_count(7, 0, a, b, c, d);
    if ((b >> 5) & 1) out |= MC_CPU_AVX2;
    unsigned max7 = a, ebx7 = b, ecx7 = c, edx7 = d, eax71 = 0;
    if (max7 >= 1) __cpuid_count(7, 1, eax71, b, c, d);
    if ((eax71 >> 4) & 1) out |= MC_CPU_AVXVNNI;
    if (os_zmm && ((ebx7 >> 16) & 1)) {
        out |= MC_CPU_AVX512F;
        if ((ebx7 >> 30) & 1) out |= MC_CPU_AVX512BW;
        if ((ebx7 >> 31) & 1) out |= MC_CPU_AVX512VL;
        if ((ebx7 >> 17) & 1) out |= MC_CPU_AVX512DQ;
        if ((ecx7 >> 11) & 1) out |= MC_CPU_AVX512VNNI;
        if ((eax71 >> 5) & 1) out |= MC_CPU_AVX512BF16;
    }
    int os_tiles = (xcr0 & 0x60000) == 0x60000;  // tile configuration and tile data
    int amx_int8 = ((edx7 >> 24) & 1) && ((edx7 >> 25) & 1);
    if (os_zmm && os_tiles && amx_int8 && request_amx_tiles()) out |= MC_CPU_AMXINT8;
    return out;
}
#else
uint32_t mc_cpu_features(void) { return 0; }
#endif
