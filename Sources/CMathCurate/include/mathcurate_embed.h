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

/* The pieces of the partitioned near-duplicate search (see PartitionedNearDuplicateSearch), for engines that run
 * its partitions as separate tasks. Vectors are row-major float32, unit length. */

/**
 * Fits spherical k-means on count vectors (a sample is enough) and writes at most k centroids (k * dimension floats)
 * into centroids_out; *written receives how many (fewer than k only when count < k). Seeded: the same input gives
 * the same centroids.
 */
int32_t mathcurate_kmeans(const float *vectors, int64_t count, int32_t dimension, int32_t k, uint64_t seed,
                          float *centroids_out, int64_t *written);

/**
 * For each of count vectors, the indices of its probes nearest centroids, nearest first, into out (count * probes
 * int32; -1 pads when there are fewer centroids than probes).
 */
int32_t mathcurate_nearest_centroids(const float *vectors, int64_t count, const float *centroids, int64_t k,
                                     int32_t dimension, int32_t probes, int32_t *out);

/** Pairs found by mathcurate_pairs: query row i[n], member row j[n], their cosine[n]. */
typedef struct mathcurate_pairs_result {
    int64_t count;
    const int64_t *i;
    const int64_t *j;
    const float *cosine;
} mathcurate_pairs_result;

/**
 * Every (query, member) pair with cosine > threshold, exactly (blocked SGEMM on threads workers; <= 0: every
 * core), sorted by (i, j). Free the result with mathcurate_pairs_free.
 */
int32_t mathcurate_pairs(const float *queries, int64_t query_count, const float *members, int64_t member_count,
                         int32_t dimension, float threshold, int32_t threads, mathcurate_pairs_result **out);

/** Releases a mathcurate_pairs result (NULL allowed). */
void mathcurate_pairs_free(mathcurate_pairs_result *pairs);

#ifdef __cplusplus
}
#endif

#endif /* MATHCURATE_EMBED_H */
