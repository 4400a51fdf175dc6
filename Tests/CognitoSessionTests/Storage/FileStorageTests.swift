import CognitoSessionTesting
import Foundation
import Testing

@Suite("FileStorage: permissions, atomic replace, corrupt files")
struct FileStorageTests {
    private func permissions(_ url: URL) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("Construction touches nothing; reads of a missing file are empty and create nothing")
    func lazy() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("not-yet/sessions.json")
        let storage = FileStorage(fileURL: file)
        #expect(try await storage.getItem("key") == nil)
        try await storage.removeItem("key")
        try await storage.clear()
        #expect(!FileManager.default.fileExists(atPath: directory.file("not-yet").path))
    }

    @Test("The file and lock file are 0600, directories it creates 0700")
    func permissionsOfCreatedFiles() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("a/b/sessions.json")
        try await FileStorage(fileURL: file).setItem("key", value: "value")
        #expect(try permissions(file) == 0o600)
        #expect(try permissions(directory.file("a/b/sessions.json.lock")) == 0o600)
        #expect(try permissions(directory.file("a/b")) == 0o700)
        #expect(try permissions(directory.file("a")) == 0o700)
    }

    @Test("Rewriting a world-readable file leaves it 0600")
    func tightensPermissions() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        try Data(#"{"old":"1"}"#.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try await FileStorage(fileURL: file).setItem("new", value: "2")
        #expect(try permissions(file) == 0o600)
    }

    @Test("A write replaces the file by rename: an open reader keeps the old content, no temp file stays")
    func atomicReplace() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        let storage = FileStorage(fileURL: file)
        try await storage.setItem("generation", value: "1")
        let inodeBefore = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? NSNumber
        let oldHandle = try FileHandle(forReadingFrom: file)
        defer { try? oldHandle.close() }

        try await storage.updateItems(set: ["generation": "2", "other": "x"], remove: [])

        let oldContent = try JSONDecoder().decode([String: String].self, from: oldHandle.readToEnd() ?? Data())
        #expect(oldContent == ["generation": "1"])
        let newContent = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        #expect(newContent == ["generation": "2", "other": "x"])
        let inodeAfter = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? NSNumber
        #expect(inodeBefore != inodeAfter)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        #expect(names == ["sessions.json", "sessions.json.lock"])
    }

    @Test("The file is a plain JSON object a JS export can be compared with")
    func format() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        try await FileStorage(fileURL: file).updateItems(set: ["b": "2", "a": "x/y"], remove: [])
        #expect(try String(contentsOf: file, encoding: .utf8) == #"{"a":"x/y","b":"2"}"#)
    }

    static let corruptContents: [String: [UInt8]] = [
        "not JSON": Array("sessions: yes".utf8),
        "a JSON array": Array(#"["a","b"]"#.utf8),
        "an object with a number": Array(#"{"a":"1","clockDrift":0}"#.utf8),
        "an object with a nested object": Array(#"{"a":{"b":"c"}}"#.utf8),
        "truncated JSON": Array(#"{"CognitoIdentityServiceProvider.c.LastAuthUser":"al"#.utf8),
        "invalid UTF-8": [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D],
        "NUL bytes": [0, 0, 0, 0],
        "a duplicate key": Array(#"{"a":"1","b":"2","a":"3"}"#.utf8),
        "a lone surrogate": Array(#"{"a":"\ud83c"}"#.utf8),
        "a trailing comma": Array(#"{"a":"1",}"#.utf8),
    ]

    @Test(
        "A corrupt file is a typed error on every operation, and its bytes stay",
        arguments: corruptContents.keys.sorted())
    func corruptFile(_ name: String) async throws {
        let bytes = try #require(Self.corruptContents[name])
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        try Data(bytes).write(to: file)
        let storage = FileStorage(fileURL: file)

        await #expect(throws: StorageError.corruptFile) { try await storage.getItem("a") }
        await #expect(throws: StorageError.corruptFile) { try await storage.setItem("a", value: "b") }
        await #expect(throws: StorageError.corruptFile) { try await storage.removeItem("a") }
        await #expect(throws: StorageError.corruptFile) { try await storage.clear() }
        await #expect(throws: StorageError.corruptFile) { try await storage.updateItems(set: ["a": "b"], remove: []) }
        #expect(try Data(contentsOf: file) == Data(bytes))
        let error = await #expect(throws: StorageError.self) { try await storage.getItem("a") }
        #expect(error?.path == file.path)
    }

    @Test("A path that is a directory is a readFailed error, not an empty store")
    func unreadable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(at: directory.file("sessions.json"), withIntermediateDirectories: false)
        let storage = FileStorage(fileURL: directory.file("sessions.json"))
        await #expect(throws: StorageError.readFailed) { try await storage.getItem("a") }
        await #expect(throws: StorageError.readFailed) { try await storage.setItem("a", value: "b") }
    }

    @Test("A path beneath a plain file is a typed error, and that file is untouched")
    func pathBeneathFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data("plain file".utf8).write(to: directory.file("blocker"))
        let storage = FileStorage(fileURL: directory.file("blocker/sub/sessions.json"))
        let error = await #expect(throws: StorageError.readFailed) { try await storage.setItem("a", value: "b") }
        #expect(error?.errorNumber == ENOTDIR)
        #expect(try String(contentsOf: directory.file("blocker"), encoding: .utf8) == "plain file")
    }

    @Test("Two FileStorage values on one file see each other's writes")
    func sharedFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = FileStorage(fileURL: directory.file("sessions.json"))
        let second = FileStorage(fileURL: directory.file("sessions.json"))
        try await first.setItem("a", value: "1")
        try await second.setItem("b", value: "2")
        #expect(try await first.allItems() == ["a": "1", "b": "2"])
    }
}
