// swift-tools-version:6.0
// A tiny command-line example: signs a request with CleverKit and prints the Authorization header.
// Uses the CleverKit package of this checkout (bindings/swift, whose package identity is
// "swift", the name of its folder); see bindings/swift/README.md.
import PackageDescription

let package = Package(
    name: "CleverKitExample",
    dependencies: [
        .package(path: "../../../bindings/swift")
    ],
    targets: [
        .executableTarget(
            name: "sign-request",
            dependencies: [.product(name: "CleverKit", package: "swift")],
            path: "Sources/SignRequest"
        )
    ],
    swiftLanguageModes: [.v6]
)
