/*
 * libmathcurate_embed: MathCurate's native all-MiniLM-L6-v2 sentence encoder behind a C ABI, for engines that embed
 * problems on their own workers (Ray Data, Spark). A separate library from libmathcurate so that a process that only
 * grades never loads OpenBLAS.
 *
 * The vectors are those of sentence-transformers' encode (mean pooling, L2-normalised, cosine >= 0.99999 against
 * it). An encoder is read-only once opened: many threads may embed with one encoder at once.
 *
 *   mathcurate_encoder *e = NULL;
 *   char error[512];
 *   if (mathcurate_encoder_open("models/all-MiniLM-L6-v2", 24, 0, &e, error, sizeof error) == MATHCURATE_OK) {
 *       float v[384];
 *       const int64_t offsets[] = {0, 5};
 *       mathcurate_encoder_embed(e, 1, "x + 1", offsets, v);
 *       mathcurate_encoder_free(e);
 *   }
 */
#ifndef MATHCURATE_EMBED_H
#define MATHCURATE_EMBED_H

#include <stdint.h>
#include "mathcurate.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The model folder is missing, incomplete or malformed (the error buffer says which file and why). */
#define MATHCURATE_MODEL_ERROR 3

/** An opened encoder (the model's weights, vocabulary and configuration). */
typedef struct mathcurate_encoder mathcurate_encoder;

/**
 * Opens the model in model_dir (config.json, vocab.txt, model.safetensors, as scripts/fetch-model.sh writes them).
 * threads <= 0 uses one worker per core. On failure *out is NULL and, when error is not NULL, a NUL-terminated
 * message of at most error_capacity bytes is written there.
 */
int32_t mathcurate_encoder_open(const char *model_dir, int64_t model_dir_length, int32_t threads,
                                mathcurate_encoder **out, char *error, int64_t error_capacity);

/** The length of one embedding (384 for all-MiniLM-L6-v2); 0 for NULL. */
int32_t mathcurate_encoder_dimension(const mathcurate_encoder *encoder);

/**
 * Embeds count texts packed as in mathcurate_grade_batch (text i is bytes[offsets[i] .. offsets[i+1])) into out,
 * which must hold count * dimension floats: row i is text i's unit-length embedding.
 */
int32_t mathcurate_encoder_embed(const mathcurate_encoder *encoder, int64_t count,
                                 const char *bytes, const int64_t *offsets, float *out);

/** Releases an encoder (NULL allowed). */
void mathcurate_encoder_free(mathcurate_encoder *encoder);

#ifdef __cplusplus
}
#endif

#endif /* MATHCURATE_EMBED_H */
