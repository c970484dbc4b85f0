/*
 * libmathcurate: MathCurate's answer grader behind a small C ABI.
 *
 * Grades a final answer, or a whole model response, against a gold answer and says whether they are equivalent.
 * The grader is bounded by step and size budgets, never by signals or timers: the same input always gives the same
 * verdict. The library holds no global mutable state; every function may be called from many threads at once.
 *
 * Strings are UTF-8, passed as pointer + byte length (no NUL needed; invalid UTF-8 is read with U+FFFD in its place).
 * Results are returned in a mathcurate_results block that the library allocates and mathcurate_results_free releases.
 *
 *   mathcurate_options options;
 *   mathcurate_options_init(&options);
 *   mathcurate_results *r = NULL;
 *   if (mathcurate_grade(&options, "\\frac12", 7, "0.5", 3, 0, &r) == MATHCURATE_OK) {
 *       int equivalent = r->verdicts[0] == MATHCURATE_EQUIVALENT;
 *       mathcurate_results_free(r);
 *   }
 */
#ifndef MATHCURATE_H
#define MATHCURATE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The version of this header's ABI. mathcurate_abi_version() returns the library's; they must match. */
#define MATHCURATE_ABI_VERSION 1

/* Status codes returned by the functions below. */
#define MATHCURATE_OK 0
/** A required pointer was NULL, a length or count was negative, or an option was out of range. */
#define MATHCURATE_INVALID_ARGUMENT 1
/** The options block has a different struct_size than this library knows. */
#define MATHCURATE_ABI_MISMATCH 2

/* Verdicts. */
#define MATHCURATE_DIFFERENT 0
#define MATHCURATE_EQUIVALENT 1
#define MATHCURATE_UNDECIDED 2

/* Answer-extraction policies for responses. */
/** Last \boxed{} (nearby boxes joined), then "final answer is", then the last math span, then the last number. */
#define MATHCURATE_POLICY_STANDARD 0
/** DeepScaleR's reward: only the text after </think>, and only a \boxed{} there. */
#define MATHCURATE_POLICY_DEEPSCALER 1

/** Grading options. Fill with mathcurate_options_init, then change fields. */
typedef struct mathcurate_options {
    /** sizeof(mathcurate_options), set by mathcurate_options_init: lets the library reject a foreign layout. */
    int32_t struct_size;
    /** MATHCURATE_POLICY_STANDARD (default) or MATHCURATE_POLICY_DEEPSCALER. */
    int32_t policy;
    /** Non-zero: only boxed answers count when extracting from a response. Default 0. */
    int32_t strict;
    /** Non-zero: a terminating decimal that is a correct rounding of the exact value is accepted. Default 0. */
    int32_t accept_rounded_decimals;
    /** Accept numbers within this relative tolerance, in [0, 1); 0 means exact only. Default 0. */
    double relative_tolerance;
} mathcurate_options;

/**
 * Graded pairs. verdicts[i] is MATHCURATE_EQUIVALENT, _DIFFERENT or _UNDECIDED. Pair i's reason (the strategy that
 * proved an equivalence, or why not) is text[spans[2i] .. spans[2i+1]) and its extracted answer is
 * text[spans[2i+1] .. spans[2i+2]); has_extracted[i] is 0 when no final answer was found in a response (the
 * reward's "no answer"). The text is UTF-8, not NUL-terminated.
 */
typedef struct mathcurate_results {
    int64_t count;
    const int8_t *verdicts;
    const int8_t *has_extracted;
    const int64_t *spans;      /* 2 * count + 1 byte offsets into text */
    const uint8_t *text;
    int64_t text_length;
} mathcurate_results;

/** The library's version, e.g. "0.6.0" (a static string: do not free). */
const char *mathcurate_version(void);

/** The library's ABI version (MATHCURATE_ABI_VERSION of the header it was built with). */
int32_t mathcurate_abi_version(void);

/** A static English description of a status code (do not free). */
const char *mathcurate_status_message(int32_t status);

/** Fills options with the defaults (standard policy, exact comparison). */
void mathcurate_options_init(mathcurate_options *options);

/**
 * Grades one pair. candidate is a final answer when is_response is 0, else a whole model response.
 * options may be NULL (defaults). On MATHCURATE_OK, *out holds one result; free it with mathcurate_results_free.
 */
int32_t mathcurate_grade(const mathcurate_options *options,
                         const char *gold, int64_t gold_length,
                         const char *candidate, int64_t candidate_length,
                         int32_t is_response,
                         mathcurate_results **out);

/**
 * Grades count pairs. Pair i's gold is gold_bytes[gold_offsets[i] .. gold_offsets[i+1]) and its candidate is
 * candidate_bytes[candidate_offsets[i] .. candidate_offsets[i+1]) (each offsets array holds count + 1 entries,
 * non-decreasing). threads <= 0 uses one thread per core; the results are in input order and the same for any
 * thread count. On MATHCURATE_OK, *out holds count results; free them with mathcurate_results_free.
 */
int32_t mathcurate_grade_batch(const mathcurate_options *options, int64_t count,
                               const char *gold_bytes, const int64_t *gold_offsets,
                               const char *candidate_bytes, const int64_t *candidate_offsets,
                               int32_t is_response, int32_t threads,
                               mathcurate_results **out);

/** Releases results from mathcurate_grade or mathcurate_grade_batch. NULL is allowed. */
void mathcurate_results_free(mathcurate_results *results);

#ifdef __cplusplus
}
#endif

#endif /* MATHCURATE_H */
