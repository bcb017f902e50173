//! Which language loaded this library, for the `User-Agent` (`cleverkit/0.1.0 python`).
//!
//! The generated bindings have no hand-written layer to say it, so the library asks the
//! process: each runtime exports a symbol the others do not.

/// `python`, `kotlin` (any JVM), `swift`, or `None` when the process says nothing.
pub(crate) fn host_language() -> Option<&'static str> {
    #[cfg(unix)]
    {
        const MARKERS: [(&std::ffi::CStr, &str); 3] = [
            (c"Py_IsInitialized", "python"),
            (c"JNI_GetCreatedJavaVMs", "kotlin"),
            (c"swift_retain", "swift"),
        ];
        MARKERS
            .iter()
            .find(|(symbol, _)| {
                // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name only looks the
                // symbol up; the pointer is compared with null, never called.
                !unsafe { libc::dlsym(libc::RTLD_DEFAULT, symbol.as_ptr()) }.is_null()
            })
            .map(|(_, language)| *language)
    }
    #[cfg(not(unix))]
    {
        None
    }
}
