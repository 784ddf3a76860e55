#ifndef GALLEY_CHYPHEN_SHIM_H
#define GALLEY_CHYPHEN_SHIM_H
#include <hyphen.h>
#include <iconv.h>

// iconv_t is `void *` in glibc; a conversion that failed to open is (iconv_t)-1.
static inline int galley_iconv_is_valid(iconv_t cd) { return cd != (iconv_t)-1; }
#endif
