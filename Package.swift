// swift-tools-version:6.0
// CleverKit for Swift: the UniFFI-generated Swift API (`import CleverKit`) over the Rust core.
//
// Linux: `CleverKitFFI` is a system library whose folder receives the generated C header and
// modulemap (test.sh copies them from target/bindings/swift/), and `CleverKit` links the host
// cdylib `libcleverkit_ffi.so` from the workspace's target/release/ (rpath included, so tests and
// executables find it without LD_LIBRARY_PATH). Override that folder with CLEVERKIT_FFI_LIB_DIR.
//
// Apple platforms: `CleverKitFFI` is `CleverKitFFI.xcframework` (static libraries plus the same
// header and modulemap), built on a Mac by build-xcframework.sh.
//
// In both cases the generated `CleverKit.swift` is copied into Sources/CleverKit/ first.
import Foundation
import PackageDescription

let packageDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

#if os(Linux)
let libDir =
    ProcessInfo.processInfo.environment["CLEVERKIT_FFI_LIB_DIR"]
    ?? packageDir.appendingPathComponent("../../target/release").standardizedFileURL.path
let ffiTarget: Target = .systemLibrary(
    name: "CleverKitFFI",
    path: "Sources/CleverKitFFI/include"
)
let ffiLinkerSettings: [LinkerSetting] = [
    .linkedLibrary("cleverkit_ffi"),
    .unsafeFlags(["-L", libDir, "-Xlinker", "-rpath", "-Xlinker", libDir]),
]
#else
let ffiTarget: Target = .binaryTarget(
    name: "CleverKitFFI",
    path: "CleverKitFFI.xcframework"
)
// The Rust static library uses Security.framework: TLS trust evaluation (the system trust
// store) and randomness for nonces.
let ffiLinkerSettings: [LinkerSetting] = [.linkedFramework("Security")]
#endif

let package = Package(
    name: "CleverKit",
    platforms: [.macOS(.v12), .iOS(.v15)],
    products: [
        .library(name: "CleverKit", targets: ["CleverKit"])
    ],
    targets: [
        ffiTarget,
        .target(
            name: "CleverKit",
            dependencies: ["CleverKitFFI"],
            path: "Sources/CleverKit",
            linkerSettings: ffiLinkerSettings
        ),
        .testTarget(
            name: "CleverKitTests",
            dependencies: ["CleverKit"],
            path: "Tests/CleverKitTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
