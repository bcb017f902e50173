// swift-tools-version:6.0
// CleverKit's Swift examples: `sign-request` signs a request and prints the Authorization header;
// `quickstart` calls the API (who am I, zones, applications, an invoice) and shows how errors
// look. They use the CleverKit package of this checkout (bindings/swift, whose package identity
// is "swift", the name of its folder; which is also why this package cannot live in
// examples/swift itself: two packages named "swift"); see bindings/swift/README.md.
import PackageDescription

let package = Package(
    name: "CleverKitExamples",
    dependencies: [
        .package(path: "../../../bindings/swift")
    ],
    targets: [
        .executableTarget(
            name: "sign-request",
            dependencies: [.product(name: "CleverKit", package: "swift")],
            path: "Sources/SignRequest"
        ),
        .executableTarget(
            name: "quickstart",
            dependencies: [.product(name: "CleverKit", package: "swift")],
            path: "Sources/Quickstart"
        ),
    ],
    swiftLanguageModes: [.v6]
)
