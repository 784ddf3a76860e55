#ifndef GALLEY_CCMARKGFM_SHIM_H
#define GALLEY_CCMARKGFM_SHIM_H
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/* GitHub's extensions, attached to one parser. The registry must be filled first, once per
   process (cmark_gfm_core_extensions_ensure_registered is not thread-safe). */
static inline void galley_cmark_attach_gfm_extensions(cmark_parser *parser) {
    static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (int i = 0; i < 4; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
        if (extension) cmark_parser_attach_syntax_extension(parser, extension);
    }
}
#endif
