// swift-tools-version:6.0
// CleverKit for Swift: the UniFFI-generated Swift API (`import CleverKit`) over the Rust core.
// At the repository's root so that SwiftPM can add the package by its Git URL; the sources
// live in bindings/swift/ (see bindings/swift/README.md), and this is the only manifest.
//
// Before the first build: `./scripts/build-ffi.sh && bash bindings/swift/copy-generated.sh`
// (the cdylib, and the generated CleverKit.swift, C header and modulemap, which are not in Git).
//
// Linux: `CleverKitFFI` is a system library whose folder receives the generated C header and
// modulemap, and `CleverKit` links the host cdylib `libcleverkit_ffi.so` from target/release/
// of this checkout (rpath included, so tests and executables find it without
// LD_LIBRARY_PATH). Override that folder with CLEVERKIT_FFI_LIB_DIR.
//
// Apple platforms: `CleverKitFFI` is `CleverKitFFI.xcframework` (static libraries plus the same
// header and modulemap), built on a Mac by bindings/swift/build-xcframework.sh.
import Foundation
import PackageDescription

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let sources = "bindings/swift"

#if os(Linux)
let libDir =
    ProcessInfo.processInfo.environment["CLEVERKIT_FFI_LIB_DIR"]
    ?? root.appendingPathComponent("target/release").path
let ffiTarget: Target = .systemLibrary(
    name: "CleverKitFFI",
    path: "\(sources)/Sources/CleverKitFFI/include"
)
let ffiLinkerSettings: [LinkerSetting] = [
    .linkedLibrary("cleverkit_ffi"),
    .unsafeFlags(["-L", libDir, "-Xlinker", "-rpath", "-Xlinker", libDir]),
]
#else
let ffiTarget: Target = .binaryTarget(
    name: "CleverKitFFI",
    path: "\(sources)/CleverKitFFI.xcframework"
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
            path: "\(sources)/Sources/CleverKit",
            linkerSettings: ffiLinkerSettings
        ),
        .testTarget(
            name: "CleverKitTests",
            dependencies: ["CleverKit"],
            path: "\(sources)/Tests/CleverKitTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
