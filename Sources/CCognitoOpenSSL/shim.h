// Bridge from Swift to OpenSSL libcrypto (3.0 or later).
//
// Swift imports C functions and simple constants, but not function-like macros or variadic
// functions. The `static inline` wrappers below give those a callable form. Nothing here keeps
// state; every wrapper is a thin call into libcrypto.
#ifndef C_COGNITO_OPENSSL_SHIM_H
#define C_COGNITO_OPENSSL_SHIM_H

#include <openssl/opensslv.h>

#if !defined(OPENSSL_VERSION_NUMBER) || OPENSSL_VERSION_NUMBER < 0x30000000L
#error "swift-cognito-session needs OpenSSL 3.0 or later (install libssl-dev)"
#endif

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <stddef.h>
#include <stdint.h>

/// `BN_num_bytes` is a macro.
static inline int CCognito_BN_num_bytes(const BIGNUM *bn) {
    return BN_num_bytes(bn);
}

/// `OPENSSL_free` is a macro.
static inline void CCognito_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

/// `OPENSSL_clear_free` is a macro.
static inline void CCognito_OPENSSL_clear_free(void *pointer, size_t length) {
    OPENSSL_clear_free(pointer, length);
}

/// `BN_FLG_CONSTTIME` as a function, so Swift sees one stable type.
static inline int CCognito_BN_FLG_CONSTTIME(void) {
    return BN_FLG_CONSTTIME;
}

/// One-shot HMAC through EVP_MAC with the named digest ("SHA256", "SHA1", ...). Writes at most
/// `out_size` bytes and stores the length in `out_length`. Returns 1 on success, 0 on failure.
static inline int CCognito_HMAC(const char *digest,
                                const uint8_t *key, size_t key_length,
                                const uint8_t *data, size_t data_length,
                                uint8_t *out, size_t out_size, size_t *out_length) {
    // EVP_Q_mac rejects a NULL key even when the length is zero.
    static const uint8_t empty = 0;
    const uint8_t *safe_key = key_length == 0 ? &empty : key;
    const uint8_t *safe_data = data_length == 0 ? &empty : data;
    return EVP_Q_mac(NULL, "HMAC", NULL, digest, NULL, safe_key, key_length,
                     safe_data, data_length, out, out_size, out_length) != NULL;
}

/// HKDF-SHA256 (RFC 5869, extract then expand) through EVP_KDF. Returns 1 on success, 0 on failure.
static inline int CCognito_HKDF_SHA256(const uint8_t *ikm, size_t ikm_length,
                                       const uint8_t *salt, size_t salt_length,
                                       const uint8_t *info, size_t info_length,
                                       uint8_t *out, size_t out_length) {
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
    if (kdf == NULL) {
        return 0;
    }
    EVP_KDF_CTX *context = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (context == NULL) {
        return 0;
    }
    static uint8_t empty = 0;
    OSSL_PARAM params[5];
    int index = 0;
    params[index++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
    params[index++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_KEY, ikm_length == 0 ? &empty : (void *)ikm, ikm_length);
    if (salt_length > 0) {
        params[index++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_length);
    }
    if (info_length > 0) {
        params[index++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, info_length);
    }
    params[index] = OSSL_PARAM_construct_end();
    int result = EVP_KDF_derive(context, out, out_length, params);
    EVP_KDF_CTX_free(context);
    return result == 1;
}

/// `EVP_RSA_gen` is a macro over the variadic `EVP_PKEY_Q_keygen`.
static inline EVP_PKEY *CCognito_RSA_generate(unsigned int bits) {
    return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)bits);
}

/// An RSA public key from its big-endian modulus and exponent (a JWK's `n` and `e`), through
/// OSSL_PARAM_BLD and EVP_PKEY_fromdata (whose selection constant is a macro). NULL on failure.
static inline EVP_PKEY *CCognito_RSA_public_key(const uint8_t *n, size_t n_length,
                                                const uint8_t *e, size_t e_length) {
    EVP_PKEY *key = NULL;
    BIGNUM *modulus = BN_bin2bn(n, (int)n_length, NULL);
    BIGNUM *exponent = BN_bin2bn(e, (int)e_length, NULL);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *context = NULL;
    if (modulus != NULL && exponent != NULL && builder != NULL
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, modulus) == 1
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, exponent) == 1) {
        params = OSSL_PARAM_BLD_to_param(builder);
    }
    if (params != NULL) {
        context = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    }
    if (context != NULL && EVP_PKEY_fromdata_init(context) == 1) {
        if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
            key = NULL;
        }
    }
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(modulus);
    BN_free(exponent);
    return key;
}

/// A fresh P-256 key pair (`EVP_EC_gen` is a macro over the variadic `EVP_PKEY_Q_keygen`).
static inline EVP_PKEY *CCognito_EC_P256_generate(void) {
    return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

/// A P-256 public key from its uncompressed point (0x04 || x || y, a COSE key's `x` and `y`), through
/// EVP_PKEY_fromdata (whose selection constant is a macro). NULL on failure, also for a point off the curve.
static inline EVP_PKEY *CCognito_EC_P256_public_key(const uint8_t *point, size_t point_length) {
    EVP_PKEY *key = NULL;
    OSSL_PARAM params[3];
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)"prime256v1", 0);
    params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)point, point_length);
    params[2] = OSSL_PARAM_construct_end();
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    if (context != NULL && EVP_PKEY_fromdata_init(context) == 1) {
        if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
            key = NULL;
        }
    }
    EVP_PKEY_CTX_free(context);
    return key;
}

#endif
