#ifndef GALLEY_CCMARKGFM_SHIM_H
#define GALLEY_CCMARKGFM_SHIM_H
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/* Whether text can hold what the autolink extension links (a URL's "://", "www.", an e-mail
   address's "@"): the extension reads every text node, which costs a third of parsing a file
   that has none. memchr on the rarer byte of each, since memmem costs more than it saves. */
static inline int galley_cmark_may_autolink(const char *text, size_t length) {
    if (memchr(text, '@', length) != NULL) return 1;
    const char *end = text + length;
    for (const char *at = text; (at = memchr(at, ':', (size_t)(end - at))) != NULL; at++) {
        if (end - at >= 3 && at[1] == '/' && at[2] == '/') return 1;
    }
    for (const char *at = text + 3; at < end && (at = memchr(at, '.', (size_t)(end - at))) != NULL; at++) {
        if (at[-3] == 'w' && at[-2] == 'w' && at[-1] == 'w') return 1;
    }
    return 0;
}

/* GitHub's extensions, attached to one parser (autolink only when asked). The registry must be
   filled first, once per process (cmark_gfm_core_extensions_ensure_registered is not thread-safe). */
static inline void galley_cmark_attach_gfm_extensions(cmark_parser *parser, int autolink) {
    static const char *const names[] = {"table", "strikethrough", "tasklist", "autolink"};
    for (int i = 0; i < (autolink ? 4 : 3); i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
        if (extension) cmark_parser_attach_syntax_extension(parser, extension);
    }
}
#endif
