//! Which language loaded this library, for the `User-Agent` (`cleverkit/0.1.0 python`).
//!
//! The generated bindings have no hand-written layer to say it, so the library asks the
//! process: each runtime exports a symbol the others do not (CPython's `Py_IsInitialized`, from
//! the executable or `libpython3.X.so` / `python3X.dll`; the JVM's `JNI_GetCreatedJavaVMs`, from
//! `libjvm.so` / `jvm.dll`; Swift's `swift_retain`, from its runtime).

/// The symbol each host runtime exports, first match wins.
const MARKERS: [(&std::ffi::CStr, &str); 3] = [
    (c"Py_IsInitialized", "python"),
    (c"JNI_GetCreatedJavaVMs", "kotlin"),
    (c"swift_retain", "swift"),
];

/// `python`, `kotlin` (any JVM), `swift`, or `None` when the process says nothing.
pub(crate) fn host_language() -> Option<&'static str> {
    MARKERS
        .iter()
        .find(|(symbol, _)| exported(symbol))
        .map(|(_, language)| *language)
}

/// Whether any module loaded in this process exports `symbol`.
#[cfg(unix)]
fn exported(symbol: &std::ffi::CStr) -> bool {
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name only looks the symbol up
    // (in the executable and every library loaded globally); the pointer is compared with
    // null, never called.
    !unsafe { libc::dlsym(libc::RTLD_DEFAULT, symbol.as_ptr()) }.is_null()
}

/// Whether any module loaded in this process exports `symbol`. Windows has no global symbol
/// namespace (no `RTLD_DEFAULT`): each loaded module (the executable and every DLL) is asked
/// in turn with `GetProcAddress`.
#[cfg(windows)]
fn exported(symbol: &std::ffi::CStr) -> bool {
    use std::ffi::{c_char, c_void};

    type Module = *mut c_void;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetCurrentProcess() -> *mut c_void;
        // kernel32's name for psapi's EnumProcessModules (Windows 7 and later).
        fn K32EnumProcessModules(
            process: *mut c_void,
            modules: *mut Module,
            bytes: u32,
            needed: *mut u32,
        ) -> i32;
        fn GetProcAddress(module: Module, name: *const c_char) -> *mut c_void;
    }

    let mut modules: Vec<Module> = vec![std::ptr::null_mut(); 256];
    loop {
        let bytes = u32::try_from(std::mem::size_of_val(modules.as_slice())).unwrap_or(u32::MAX);
        let mut needed = 0u32;
        // SAFETY: the buffer holds `bytes` bytes of module handles; the pseudo-handle of the
        // current process needs no closing.
        let listed = unsafe {
            K32EnumProcessModules(
                GetCurrentProcess(),
                modules.as_mut_ptr(),
                bytes,
                &mut needed,
            )
        };
        if listed == 0 {
            return false;
        }
        let count = needed as usize / std::mem::size_of::<Module>();
        if count <= modules.len() {
            modules.truncate(count);
            break;
        }
        // More modules than room (a DLL was loaded meanwhile, or many are): ask again.
        modules = vec![std::ptr::null_mut(); count + 64];
    }
    modules.iter().any(|&module| {
        // SAFETY: a handle the enumeration just returned and a NUL-terminated name; the
        // function pointer is compared with null, never called. A module unloaded since the
        // enumeration makes GetProcAddress fail (null), not crash.
        !unsafe { GetProcAddress(module, symbol.as_ptr()) }.is_null()
    })
}

#[cfg(not(any(unix, windows)))]
fn exported(_symbol: &std::ffi::CStr) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symbol_of_a_loaded_module_is_found_and_a_missing_one_is_not() {
        // The C runtime's allocator on Unix; kernel32's own function on Windows, found by
        // walking the loaded modules.
        #[cfg(unix)]
        assert!(exported(c"malloc"));
        #[cfg(windows)]
        assert!(exported(c"GetProcAddress"));
        assert!(!exported(c"cleverkit_no_such_symbol_anywhere"));
    }

    #[test]
    fn a_plain_rust_test_process_is_none_of_the_hosts() {
        // The test binary is neither CPython, a JVM nor Swift: no marker is exported.
        assert_eq!(host_language(), None);
    }
}
