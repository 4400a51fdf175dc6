// glibc's heap statistics (mallinfo2), for the session-burst benchmark's memory figures.
#include <malloc.h>
