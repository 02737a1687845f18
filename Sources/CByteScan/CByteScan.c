// The header's functions are all `static inline`: this file only gives the target a source,
// as SwiftPM asks of a C target.
#include "CByteScan.h"
