#include "GalleyBuildInfo.h"

// Swift has no valued compile-time defines, so the version of a release build is injected here,
// in C, by `-Xcc -DGALLEY_VERSION="..."` (Scripts/dist). Development builds leave it empty and
// Galley falls back to the version constant in GalleyKit.
#ifndef GALLEY_VERSION
#define GALLEY_VERSION ""
#endif

const char *galley_build_version(void) {
    return GALLEY_VERSION;
}
