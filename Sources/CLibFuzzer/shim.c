// The libFuzzer declarations for the fuzz driver (Sources/suspendscope-fuzz); nothing to compile.
#include "CLibFuzzer.h"
