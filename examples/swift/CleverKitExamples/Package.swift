// swift-tools-version:6.0
// CleverKit's Swift examples: `sign-request` signs a request and prints the Authorization header;
// `quickstart` calls the API (who am I, zones, applications, an invoice) and shows how errors
// look. They use the CleverKit package of this checkout (the Package.swift at its root, as an
// app that adds the repository by URL does); see bindings/swift/README.md.
import Foundation
import PackageDescription

// A package added by path is known by its folder's name (by URL, by the repository's name):
// here the checkout's folder, whatever it is called.
let checkout = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // CleverKitExamples
    .deletingLastPathComponent()  // swift
    .deletingLastPathComponent()  // examples
    .deletingLastPathComponent()  // the checkout
let cleverKit: Target.Dependency = .product(
    name: "CleverKit", package: checkout.lastPathComponent.lowercased())

let package = Package(
    name: "CleverKitExamples",
    dependencies: [
        .package(path: checkout.path)
    ],
    targets: [
        .executableTarget(
            name: "sign-request",
            dependencies: [cleverKit],
            path: "Sources/SignRequest"
        ),
        .executableTarget(
            name: "quickstart",
            dependencies: [cleverKit],
            path: "Sources/Quickstart"
        ),
    ],
    swiftLanguageModes: [.v6]
)
