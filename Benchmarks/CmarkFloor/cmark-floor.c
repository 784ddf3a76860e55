/* The floor for Galley's Markdown path: cmark-gfm parsing and rendering to HTML each file as a
   document of its own, with GitHub's extensions and raw HTML on, as `cmark-gfm --unsafe -e table
   -e strikethrough -e autolink -e tasklist -e footnotes FILE` does for one file. (The cmark-gfm
   command given many files concatenates them into one document, which is not the same work: see
   Benchmarks/README.md.) Built and run by Benchmarks/run; not part of Galley.

   usage: cmark-floor FILE...   (prints the total size of the HTML, so the work is not optimized away) */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};
    size_t total = 0;
    cmark_gfm_core_extensions_ensure_registered();
    for (int index = 1; index < argc; index++) {
        FILE *file = fopen(argv[index], "rb");
        if (!file) { perror(argv[index]); return 1; }
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        fseek(file, 0, SEEK_SET);
        char *buffer = malloc(size > 0 ? size : 1);
        size_t read = fread(buffer, 1, size, file);
        fclose(file);
        int options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES;
        cmark_parser *parser = cmark_parser_new(options);
        for (int name = 0; name < 4; name++) {
            cmark_syntax_extension *extension = cmark_find_syntax_extension(names[name]);
            if (extension) cmark_parser_attach_syntax_extension(parser, extension);
        }
        cmark_parser_feed(parser, buffer, read);
        cmark_node *document = cmark_parser_finish(parser);
        char *html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        total += strlen(html);
        free(html);
        cmark_node_free(document);
        cmark_parser_free(parser);
        free(buffer);
    }
    printf("%zu\n", total);
    return 0;
}
