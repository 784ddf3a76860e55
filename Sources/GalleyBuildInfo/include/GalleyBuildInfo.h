#ifndef GALLEY_BUILD_INFO_H
#define GALLEY_BUILD_INFO_H

/// The version a release build was given (`make dist VERSION=1.2.3` compiles this target with
/// -DGALLEY_VERSION="1.2.3"), or an empty string in a development build.
const char *galley_build_version(void);

#endif
