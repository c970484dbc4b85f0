// Typed access to libxml2's HTML parser and XPath for CurateIngest.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU; its headers clash with Foundation's bundled ICU. We never use the ICU fields.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/tree.h>

/// `xmlFree` is a global function-pointer variable; Swift 6 cannot call it safely, so we wrap it.
static inline void cxml_free(void *p) { xmlFree(p); }
