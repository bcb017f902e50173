import CleverKit
import Foundation
import XCTest

/// README.md's Swift samples are the code of ReadmeSnippets.swift, which the test build
/// compiles: a sample that drifts from it (an old name, a changed argument) fails here. The
/// async samples also run against the stand-in.
final class ReadmeTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cleverkit-swift-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testTheAsyncSamplesRun() async throws {
        let standIn = try StandIn.fresh()
        let invoicePath = directory.appendingPathComponent("invoice.pdf").path
        try await readmeAsync(
            credentials: standIn.credentials(), options: standIn.options(),
            organisationId: standIn.info.organisationId, invoicePath: invoicePath)
        XCTAssertFalse(FileManager.default.fileExists(atPath: invoicePath), "the download was cancelled")
        let targets = try standIn.requests().map(\.target)
        XCTAssertEqual(targets.filter { $0 == "/v2/self" }.count, 1, "\(targets)")
        XCTAssertEqual(targets.filter { $0.hasSuffix("/applications") }.count, 2, "\(targets)")

        try await readmeProgress(
            client: standIn.asyncClient(), organisationId: standIn.info.organisationId,
            invoicePath: invoicePath)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: invoicePath)).count, 12345)
    }

    func testTheMainActorSampleRuns() async throws {
        let standIn = try StandIn.fresh()
        let client = try standIn.asyncClient()
        let (before, after) = try await { @MainActor in
            let model = ProfileModel(client: client)
            let before = model.email
            try await model.load()
            return (before, model.email)
        }()
        XCTAssertNil(before)
        XCTAssertEqual(after, standIn.info.email)
    }

    func testEverySwiftSampleOfTheReadmeIsInReadmeSnippets() throws {
        let package = Vectors.repositoryRoot.appendingPathComponent("bindings/swift")
        let readme = try String(contentsOf: package.appendingPathComponent("README.md"), encoding: .utf8)
        let snippets = try String(
            contentsOf: package.appendingPathComponent("Tests/CleverKitTests/ReadmeSnippets.swift"),
            encoding: .utf8)
        let compiled = trimmedLines(snippets)
        // The manifest excerpt is for an app's Package.swift, not code to compile here.
        let samples = swiftBlocks(readme).filter { !$0.contains("// Package.swift of your app") }
        XCTAssertGreaterThanOrEqual(samples.count, 9, "the README's Swift samples were not found")
        for sample in samples {
            // Line for line, in order; the snippets may add lines (`_ = …`, `print`).
            var position = compiled.startIndex
            for line in trimmedLines(sample) {
                guard let found = compiled[position...].firstIndex(of: line) else {
                    XCTFail("this README line is not in ReadmeSnippets.swift, in this order:\n\(line)")
                    break
                }
                position = compiled.index(after: found)
            }
        }
    }

    /// The text of each ```swift block of a Markdown document.
    func swiftBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let lines = current {
                if line.hasPrefix("```") {
                    blocks.append(lines.joined(separator: "\n"))
                    current = nil
                } else {
                    current = lines + [line]
                }
            } else if line == "```swift" {
                current = []
            }
        }
        return blocks
    }

    /// The non-empty lines of `text`, without their indentation.
    func trimmedLines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
