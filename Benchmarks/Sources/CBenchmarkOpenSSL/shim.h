// Direct libcrypto access for the baselines the library cannot beat.
#ifndef C_BENCHMARK_OPENSSL_SHIM_H
#define C_BENCHMARK_OPENSSL_SHIM_H

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <stddef.h>
#include <stdint.h>

/// A fresh RSA key of `bits` bits (`EVP_RSA_gen` is a macro over a variadic function).
static inline EVP_PKEY *CBench_RSA_generate(unsigned int bits) {
    return EVP_RSA_gen(bits);
}

/// Writes the big-endian RSA parameter `name` ("n" or "e") to `out` (at most `size` bytes); returns its length or 0.
static inline size_t CBench_RSA_parameter(const EVP_PKEY *key, const char *name, uint8_t *out, size_t size) {
    BIGNUM *value = NULL;
    if (EVP_PKEY_get_bn_param(key, name, &value) != 1) {
        return 0;
    }
    size_t length = (size_t)BN_num_bytes(value);
    size_t written = length <= size ? (size_t)BN_bn2bin(value, out) : 0;
    BN_free(value);
    return written;
}

/// RS256 (PKCS #1 v1.5, SHA-256) signature of `input` into `out` (at least 512 bytes); returns its length or 0.
static inline size_t CBench_RS256_sign(EVP_PKEY *key, const uint8_t *input, size_t length, uint8_t *out) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t written = 512;
    int ok = context != NULL && EVP_DigestSignInit(context, NULL, EVP_sha256(), NULL, key) == 1
        && EVP_DigestSign(context, out, &written, input, length) == 1;
    EVP_MD_CTX_free(context);
    return ok ? written : 0;
}

/// The floor: the textbook one-shot RS256 check, a fresh context, `EVP_DigestVerifyInit`, `EVP_DigestVerify`.
static inline int CBench_RS256_verify(EVP_PKEY *key, const uint8_t *signature, size_t signature_length,
                                      const uint8_t *input, size_t length) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    int ok = context != NULL && EVP_DigestVerifyInit(context, NULL, EVP_sha256(), NULL, key) == 1
        && EVP_DigestVerify(context, signature, signature_length, input, length) == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

#endif
