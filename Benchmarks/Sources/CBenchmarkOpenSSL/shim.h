// Direct libcrypto access for the baseline the library cannot beat.
#include <openssl/bn.h>
