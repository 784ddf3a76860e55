#ifndef GALLEY_CHYPERSCAN_SHIM_H
#define GALLEY_CHYPERSCAN_SHIM_H
#include <hs.h>
#endif
