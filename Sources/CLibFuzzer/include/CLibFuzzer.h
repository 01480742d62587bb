#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own main (LLVM 11 and later; the Swift
/// toolchain's libclang_rt.fuzzer has it). Linked only when building with -sanitize=fuzzer.
typedef int (*SuspendScopeFuzzCallback)(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, SuspendScopeFuzzCallback callback);

#endif
