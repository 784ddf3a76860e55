#ifndef GALLEY_CICU_SHIM_H
#define GALLEY_CICU_SHIM_H

// ICU's break iterators, declared here rather than through <unicode/ubrk.h>: Foundation bundles
// its own ICU, whose headers define UErrorCode, UText and friends differently, and a module that
// exposes Debian's definitions makes `swift test` fail ("'UErrorCode' has different definitions
// in different modules"). Only <unicode/uvernum.h>, which defines macros and no types, is
// included, for the version suffix of ICU's symbol names (ubrk_open_72...).
//
// The prototypes are ICU's C API (unicode/ubrk.h, unicode/utext.h, stable since ICU 3.4; ubrk_clone
// since 69) with ICU's types replaced by ABI-identical ones: UErrorCode and UBreakIteratorType
// are C enums (int32_t), UChar is uint16_t, UBreakIterator and UText are used only by pointer.
#include <stdint.h>
#include <unicode/uvernum.h>

typedef struct GalleyICUBreakIterator GalleyICUBreakIterator;
typedef struct GalleyICUText GalleyICUText;

GalleyICUText *U_ICU_ENTRY_POINT_RENAME(utext_openUTF8)(GalleyICUText *ut, const char *s, int64_t length, int32_t *status);
GalleyICUText *U_ICU_ENTRY_POINT_RENAME(utext_close)(GalleyICUText *ut);
GalleyICUBreakIterator *U_ICU_ENTRY_POINT_RENAME(ubrk_open)(int32_t type, const char *locale, const uint16_t *text,
                                                            int32_t textLength, int32_t *status);
GalleyICUBreakIterator *U_ICU_ENTRY_POINT_RENAME(ubrk_clone)(const GalleyICUBreakIterator *bi, int32_t *status);
void U_ICU_ENTRY_POINT_RENAME(ubrk_close)(GalleyICUBreakIterator *bi);
void U_ICU_ENTRY_POINT_RENAME(ubrk_setUText)(GalleyICUBreakIterator *bi, GalleyICUText *text, int32_t *status);
int32_t U_ICU_ENTRY_POINT_RENAME(ubrk_first)(GalleyICUBreakIterator *bi);
int32_t U_ICU_ENTRY_POINT_RENAME(ubrk_next)(GalleyICUBreakIterator *bi);
int32_t U_ICU_ENTRY_POINT_RENAME(ubrk_getRuleStatus)(GalleyICUBreakIterator *bi);
// unicode/uchar.h: UChar32 and UProperty are int32_t.
int32_t U_ICU_ENTRY_POINT_RENAME(u_getIntPropertyValue)(int32_t c, int32_t which);

// UBreakIteratorType values.
enum { GALLEY_UBRK_WORD = 1, GALLEY_UBRK_SENTENCE = 3 };
// UProperty UCHAR_EAST_ASIAN_WIDTH and its UEastAsianWidth values F and W.
enum { GALLEY_UCHAR_EAST_ASIAN_WIDTH = 0x1004, GALLEY_U_EA_FULLWIDTH = 3, GALLEY_U_EA_WIDE = 5 };

static inline GalleyICUBreakIterator *galley_ubrk_open(int32_t type, const char *locale, int32_t *status) {
    return U_ICU_ENTRY_POINT_RENAME(ubrk_open)(type, locale, 0, 0, status);
}
static inline GalleyICUBreakIterator *galley_ubrk_clone(const GalleyICUBreakIterator *bi, int32_t *status) {
    return U_ICU_ENTRY_POINT_RENAME(ubrk_clone)(bi, status);
}
static inline void galley_ubrk_close(GalleyICUBreakIterator *bi) { U_ICU_ENTRY_POINT_RENAME(ubrk_close)(bi); }
static inline void galley_ubrk_set_utext(GalleyICUBreakIterator *bi, GalleyICUText *text, int32_t *status) {
    U_ICU_ENTRY_POINT_RENAME(ubrk_setUText)(bi, text, status);
}
static inline int32_t galley_ubrk_first(GalleyICUBreakIterator *bi) { return U_ICU_ENTRY_POINT_RENAME(ubrk_first)(bi); }
static inline int32_t galley_ubrk_next(GalleyICUBreakIterator *bi) { return U_ICU_ENTRY_POINT_RENAME(ubrk_next)(bi); }
static inline int32_t galley_ubrk_rule_status(GalleyICUBreakIterator *bi) { return U_ICU_ENTRY_POINT_RENAME(ubrk_getRuleStatus)(bi); }
static inline GalleyICUText *galley_utext_open_utf8(GalleyICUText *ut, const char *s, int64_t length, int32_t *status) {
    return U_ICU_ENTRY_POINT_RENAME(utext_openUTF8)(ut, s, length, status);
}
static inline int32_t galley_east_asian_width(int32_t c) {
    return U_ICU_ENTRY_POINT_RENAME(u_getIntPropertyValue)(c, GALLEY_UCHAR_EAST_ASIAN_WIDTH);
}
static inline void galley_utext_close(GalleyICUText *ut) { U_ICU_ENTRY_POINT_RENAME(utext_close)(ut); }

#endif
