/**
 * CleverKit on the module path: `requires dev.cleverkit;` brings what the library needs at run
 * time (the Kotlin standard library and kotlinx.coroutines, both named modules, read
 * transitively since the API's types come from them; JNA, an automatic module).
 * The one package is the API. JNA reads the bindings' classes by reflection (structures,
 * native method registration), hence `opens` to it.
 */
module dev.cleverkit {
    requires transitive kotlin.stdlib;
    requires transitive kotlinx.coroutines.core;
    requires com.sun.jna;

    exports dev.cleverkit;
    opens dev.cleverkit to com.sun.jna;
}
