// libFuzzer's entry for programs that keep their own `main` (LLVM 13+). SwiftPM links every
// executable with `--defsym main=<module>_main`, so a harness has a `main.swift` that calls
// this instead of relying on libFuzzer's `main`.
#include <malloc.h>  // mallopt, which Swift's Glibc module leaves out
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
