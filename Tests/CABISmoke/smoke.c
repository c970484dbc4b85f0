/* Compiles against include/mathcurate.h and links libmathcurate.so as a C caller would: if the header and the
 * library disagree on a name or a layout, this fails. Run by scripts/test.sh. Exit 0 when every check holds. */
#include <stdio.h>
#include <string.h>
#include "mathcurate.h"

static int failures = 0;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "smoke.c:%d: check failed: %s\n", __LINE__, #cond); failures++; } } while (0)

int main(void) {
    CHECK(mathcurate_abi_version() == MATHCURATE_ABI_VERSION);
    CHECK(strlen(mathcurate_version()) > 0);

    mathcurate_options options;
    mathcurate_options_init(&options);
    CHECK(options.struct_size == (int32_t)sizeof(mathcurate_options));

    mathcurate_results *r = NULL;
    CHECK(mathcurate_grade(&options, "\\frac12", 7, "0.5", 3, 0, &r) == MATHCURATE_OK);
    CHECK(r != NULL && r->count == 1 && r->verdicts[0] == MATHCURATE_EQUIVALENT && r->has_extracted[0] == 1);
    if (r) {
        const char *reason = (const char *)r->text + r->spans[0];
        CHECK(r->spans[1] - r->spans[0] == 11 && memcmp(reason, "exact value", 11) == 0);
        mathcurate_results_free(r);
    }

    /* A batch: "42" vs a response with a box, "7" vs "8". */
    const char golds[] = "427";
    const int64_t gold_offsets[] = {0, 2, 3};
    const char candidates[] = "so \\boxed{42}8";
    const int64_t candidate_offsets[] = {0, 13, 14};
    r = NULL;
    CHECK(mathcurate_grade_batch(NULL, 2, golds, gold_offsets, candidates, candidate_offsets, 1, 2, &r) == MATHCURATE_OK);
    CHECK(r != NULL && r->count == 2);
    if (r) {
        CHECK(r->verdicts[0] == MATHCURATE_EQUIVALENT && r->verdicts[1] == MATHCURATE_DIFFERENT);
        mathcurate_results_free(r);
    }

    CHECK(mathcurate_grade(NULL, NULL, 1, "1", 1, 0, &r) == MATHCURATE_INVALID_ARGUMENT);
    CHECK(strncmp(mathcurate_status_message(MATHCURATE_INVALID_ARGUMENT), "invalid argument", 16) == 0);
    if (failures == 0) printf("libmathcurate C smoke test: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
