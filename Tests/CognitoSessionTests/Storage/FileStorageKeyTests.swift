import CognitoSessionTesting
import Foundation
import Testing

@Suite("FileStorage keys: byte for byte, never merged")
struct FileStorageKeyTests {
    /// "José" precomposed (U+00E9) and decomposed (e + U+0301): equal to Swift's `==`.
    static let composed = "user.jos\u{E9}"
    static let decomposed = "user.jose\u{301}"

    @Test("Equivalent but byte-distinct keys are two keys in the store")
    func equivalentKeysAreDistinct() async throws {
        #expect(Self.composed == Self.decomposed)  // what the store must not rely on
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let storage = FileStorage(fileURL: directory.file("sessions.json"))
        try await storage.setItem(Self.composed, value: "composed")
        #expect(try await storage.getItem(Self.decomposed) == nil)
        try await storage.setItem(Self.decomposed, value: "decomposed")
        #expect(try await storage.getItem(Self.composed) == "composed")
        #expect(try await storage.getItem(Self.decomposed) == "decomposed")
        let pairs = try await storage.allItemPairs()
        #expect(pairs.map { Array($0.key.utf8) } == [Array(Self.decomposed.utf8), Array(Self.composed.utf8)])
        #expect(pairs.map(\.value) == ["decomposed", "composed"])
    }

    @Test("A file holding both keys keeps both through a write, byte for byte")
    func fileWithBothKeysKeepsBoth() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        // Written as a JS library export would have it: one key per user name, as bytes.
        let content = #"{"user.jos\u00e9":"composed","user.jose\u0301":"decomposed"}"#
        try Data(content.utf8).write(to: file)
        let storage = FileStorage(fileURL: file)
        #expect(try await storage.getItem(Self.composed) == "composed")
        #expect(try await storage.getItem(Self.decomposed) == "decomposed")

        try await storage.setItem("other", value: "x")

        let written = try Data(contentsOf: file)
        let expected = #"{"other":"x","user.jose\#u{301}":"decomposed","user.jos\#u{E9}":"composed"}"#
        #expect(written == Data(expected.utf8))
        #expect(try await storage.allItemPairs().count == 3)
        // A `[String: String]` cannot hold both: allItems keeps the first key in byte order.
        #expect(try await storage.allItems() == [Self.decomposed: "decomposed", "other": "x"])
    }

    @Test("A duplicate key is corruptFile naming the path and \"duplicate key\", never a value; bytes stay")
    func duplicateKey() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        let content = Data(#"{"k.refreshToken":"secret-one","other":"x","k.refreshToken":"secret-two"}"#.utf8)
        try content.write(to: file)
        let storage = FileStorage(fileURL: file)

        let error = await #expect(throws: StorageError.corruptFile) { try await storage.getItem("other") }
        #expect(error?.path == file.path)
        #expect(error?.reason == "duplicate key")
        let shown = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
        #expect(!shown.contains("secret"))
        await #expect(throws: StorageError.corruptFile) { try await storage.setItem("other", value: "y") }
        await #expect(throws: StorageError.corruptFile) { try await storage.clear() }
        #expect(try Data(contentsOf: file) == content)
    }

    @Test("Keys that are equivalent but byte-distinct are not duplicates")
    func equivalentKeysAreNotDuplicates() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        try Data("{\"\(Self.composed)\":\"1\",\"\(Self.decomposed)\":\"2\"}".utf8).write(to: file)
        #expect(try await FileStorage(fileURL: file).allItemPairs().count == 2)
    }

    @Test("Escapes, surrogate pairs and control characters survive a write and a read")
    func escapesRoundTrip() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        try Data(#"{"a\"b":"\ud83c\udf4f \\ \/ \b\f\n\r\t \u0000 \u001F"}"#.utf8).write(to: file)
        let storage = FileStorage(fileURL: file)
        let expected = "🍏 \\ / \u{8}\u{C}\n\r\t \u{0} \u{1F}"
        #expect(try await storage.getItem("a\"b") == expected)
        try await storage.setItem("z", value: "")
        #expect(try await FileStorage(fileURL: file).allItems() == ["a\"b": expected, "z": ""])
    }
}
