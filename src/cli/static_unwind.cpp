// Linked into the static release binary only (see CMakeLists.txt): exceptions find their unwind tables through the
// binary's sorted table (PT_GNU_EH_FRAME, from the linker's --eh-frame-hdr), not through a list of frames sorted at
// the first throw.
//
// Why: in a static link GCC's start files (crtbeginT.o) register the whole .eh_frame with libgcc's unwinder, and
// libgcc sorts every one of its entries the first time an exception is thrown: 23 M instructions, 4-5 ms, paid by
// every `cchc --help`, `--version` and mistyped option (CLI11 reports them with exceptions), which then took 7 ms
// where the seed plan's whole `status` takes 2. With the registration a no-op (the linker's --wrap sends crtbeginT's
// calls here), libgcc finds no registered frames and looks the address up in the table the linker wrote, as it does
// in a dynamic binary.

// NOLINTBEGIN(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp,readability-identifier-naming): the names are
// fixed by the linker's --wrap=__register_frame_info.
extern "C" {

void __wrap___register_frame_info(const void* /*begin*/, void* /*object*/) {}

/// Nothing was registered, so nothing is found: libgcc's own version would assert that it was.
void* __wrap___deregister_frame_info(const void* /*begin*/) { return nullptr; }

}  // extern "C"
// NOLINTEND(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp,readability-identifier-naming)
