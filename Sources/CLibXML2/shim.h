#ifndef GALLEY_CLIBXML2_SHIM_H
#define GALLEY_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU; its headers then clash with the ICU that
// Foundation bundles ("'UErrorCode' has different definitions") under `swift test`.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/SAX2.h>

// xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void galley_xml_free(void *pointer) { xmlFree(pointer); }

// Byte offset of the parser in the document it was given (not in an entity it expanded).
static inline long galley_parser_offset(xmlParserCtxtPtr ctxt) {
    if (ctxt == NULL || ctxt->input == NULL || ctxt->input->base == NULL || ctxt->input->cur == NULL) return -1;
    if (ctxt->inputNr > 1) return -1;
    return (long)ctxt->input->consumed + (long)(ctxt->input->cur - ctxt->input->base);
}

#endif
