#ifndef GALLEY_CHUNSPELL_SHIM_H
#define GALLEY_CHUNSPELL_SHIM_H
#include <hunspell.h>
#endif
