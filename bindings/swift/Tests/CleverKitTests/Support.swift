import Foundation
import XCTest

/// One case of tests/vectors/oauth1.json (schema: tests/vectors/README.md).
struct VectorCase: Decodable, Sendable {
    struct Expected: Decodable, Sendable {
        let baseString: String
        let signature: String
        let headerParams: [[String]]
    }

    let name: String
    let method: String
    let url: String
    let body: String?
    let contentType: String?
    let consumerKey: String
    let consumerSecret: String
    let token: String?
    let tokenSecret: String?
    let signatureMethod: String
    let nonce: String
    let timestamp: Int64
    let realm: String?
    let oauthParams: [[String]]
    let includeVersion: Bool
    let expected: Expected
}

struct VectorFile: Decodable, Sendable {
    let generator: String
    let cases: [VectorCase]
}

enum Vectors {
    /// The repository root: this file is bindings/swift/Tests/CleverKitTests/Support.swift.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CleverKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // swift
        .deletingLastPathComponent()  // bindings
        .deletingLastPathComponent()  // repository root

    static let oauth1URL: URL = repositoryRoot.appendingPathComponent("tests/vectors/oauth1.json")

    static func loadOAuth1() throws -> VectorFile {
        let data = try Data(contentsOf: oauth1URL)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(VectorFile.self, from: data)
    }
}

/// A parsed `Authorization: OAuth name="value", …` header: (name, percent-decoded value) pairs,
/// in header order. Fails the test (and returns nil) on anything malformed.
func parseAuthorizationHeader(
    _ header: String, file: StaticString = #filePath, line: UInt = #line
) -> [(String, String)]? {
    let prefix = "OAuth "
    guard header.hasPrefix(prefix) else {
        XCTFail("header does not start with \"OAuth \": \(header)", file: file, line: line)
        return nil
    }
    var pairs: [(String, String)] = []
    for item in header.dropFirst(prefix.count).split(separator: ",") {
        let item = item.trimmingCharacters(in: .whitespaces)
        guard let equals = item.firstIndex(of: "=") else {
            XCTFail("no '=' in \(item) of \(header)", file: file, line: line)
            return nil
        }
        let name = String(item[..<equals])
        let quoted = item[item.index(after: equals)...]
        guard quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" else {
            XCTFail("unquoted value in \(item) of \(header)", file: file, line: line)
            return nil
        }
        let raw = String(quoted.dropFirst().dropLast())
        guard let value = raw.removingPercentEncoding else {
            XCTFail("bad percent-encoding in \(item) of \(header)", file: file, line: line)
            return nil
        }
        pairs.append((name, value))
    }
    return pairs
}

/// A parsed `application/x-www-form-urlencoded` body: (name, decoded value) pairs, in order.
func parseForm(_ body: String) -> [(String, String)] {
    body.split(separator: "&").map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1).map {
            String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
        }
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }
}

/// Pairs sorted by name, then value, as the vectors list them.
func sortedPairs(_ pairs: [(String, String)]) -> [[String]] {
    pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { [$0.0, $0.1] }
}
