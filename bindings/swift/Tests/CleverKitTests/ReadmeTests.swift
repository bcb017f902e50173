import Foundation
import XCTest

/// README.md's Swift samples are the code of ReadmeSnippets.swift, which the test build
/// compiles: a sample that drifts from it (an old name, a changed argument) fails here.
final class ReadmeTests: XCTestCase {
    func testEverySwiftSampleOfTheReadmeIsInReadmeSnippets() throws {
        let package = Vectors.repositoryRoot.appendingPathComponent("bindings/swift")
        let readme = try String(contentsOf: package.appendingPathComponent("README.md"), encoding: .utf8)
        let snippets = try String(
            contentsOf: package.appendingPathComponent("Tests/CleverKitTests/ReadmeSnippets.swift"),
            encoding: .utf8)
        let compiled = trimmedLines(snippets)
        // The manifest excerpt is for an app's Package.swift, not code to compile here.
        let samples = swiftBlocks(readme).filter { !$0.contains("// Package.swift of your app") }
        XCTAssertGreaterThanOrEqual(samples.count, 7, "the README's Swift samples were not found")
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
