import CognitoSessionTesting
import Foundation
import Testing

@Suite("FileStorage safety: FIFOs, devices, symbolic links, other people's folders and files")
struct FileStorageSafetyTests {
    private func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    private func setMode(_ mode: Int, _ url: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    @Test("A session path that is a FIFO is refused at once, on reads and writes")
    func fifo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fifo = directory.file("sessions.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let storage = FileStorage(fileURL: fifo)

        let operations: [@Sendable () async throws -> Void] = [
            { _ = try await storage.getItem("a") }, { try await storage.setItem("a", value: "b") },
        ]
        for operation in operations {
            let result = await outcome(within: 20, of: operation)
            guard let result else {
                // The store is blocked in open(2): give it a writer so it returns, then fail.
                let unblock = open(fifo.path, O_WRONLY | O_NONBLOCK)
                if unblock >= 0 { close(unblock) }
                Issue.record("FileStorage blocked on a FIFO")
                return
            }
            #expect(throws: StorageError.readFailed) { try result.get() }
            if case .failure(let error as StorageError) = result {
                #expect(error.path == fifo.path)
                #expect(error.reason?.contains("FIFO") == true)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fifo.path + ".lock"))
    }

    @Test("A session path that is a device is refused")
    func device() async throws {
        // /dev is root's: expect root as the owner so the folder passes and the device is judged.
        let storage = FileStorage(fileURL: URL(fileURLWithPath: "/dev/null"), expectedOwner: 0)
        let error = await #expect(throws: StorageError.readFailed) { try await storage.getItem("a") }
        #expect(error?.reason?.contains("character device") == true)
        await #expect(throws: StorageError.readFailed) { try await storage.setItem("a", value: "b") }
    }

    @Test("A session file that is a symbolic link is refused, not followed; its target is untouched")
    func symbolicLinkFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.file("target.json")
        let content = Data(#"{"a":"1"}"#.utf8)
        try content.write(to: target)
        let link = directory.file("sessions.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let storage = FileStorage(fileURL: link)

        let error = await #expect(throws: StorageError.insecurePermissions) { try await storage.getItem("a") }
        #expect(error?.path == link.path)
        #expect(error?.reason?.contains("symbolic link") == true)
        await #expect(throws: StorageError.insecurePermissions) { try await storage.setItem("a", value: "2") }
        await #expect(throws: StorageError.insecurePermissions) { try await storage.clear() }
        #expect(try bytes(target) == content)
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
        #expect(destination == target.path)
    }

    @Test("A lock file that is a symbolic link is refused; its target is untouched and the file unchanged")
    func symbolicLinkLock() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        let content = Data(#"{"a":"1"}"#.utf8)
        try content.write(to: file)
        let elsewhere = directory.file("elsewhere")
        let lock = directory.file("sessions.json.lock")
        try FileManager.default.createSymbolicLink(at: lock, withDestinationURL: elsewhere)

        let storage = FileStorage(fileURL: file)
        await #expect(throws: StorageError.insecurePermissions) { try await storage.setItem("a", value: "2") }
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path))
        #expect(try bytes(file) == content)
        #expect(try await storage.getItem("a") == "1")  // reading takes no lock
    }

    @Test(
        "A folder writable by group or others is refused on reads and writes, naming the fix",
        arguments: [0o770, 0o707, 0o777, 0o1777])
    func writableFolder(mode: Int) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("sessions")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let file = folder.appendingPathComponent("sessions.json")
        let content = Data(#"{"a":"1"}"#.utf8)
        try content.write(to: file)
        try setMode(mode, folder)
        let storage = FileStorage(fileURL: file)

        let error = await #expect(throws: StorageError.insecurePermissions) { try await storage.getItem("a") }
        #expect(error?.path == folder.path)
        #expect(error?.description.contains("chmod 700 \(folder.path)") == true)
        await #expect(throws: StorageError.insecurePermissions) { try await storage.setItem("a", value: "2") }
        await #expect(throws: StorageError.insecurePermissions) { try await storage.removeItem("a") }
        #expect(try bytes(file) == content)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".lock"))

        try setMode(0o700, folder)
        #expect(try await storage.getItem("a") == "1")
    }

    @Test("A folder owned by another uid is refused, naming the owner; nothing is created in it")
    func folderOfSomeoneElse() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("sessions.json")
        let content = Data(#"{"a":"1"}"#.utf8)
        try content.write(to: file)
        let storage = FileStorage(fileURL: file, expectedOwner: 12345)

        let error = await #expect(throws: StorageError.insecurePermissions) { try await storage.getItem("a") }
        #expect(error?.path == directory.url.path)
        #expect(error?.reason?.contains("owned by uid \(geteuid()), not uid 12345") == true)
        await #expect(throws: StorageError.insecurePermissions) { try await storage.setItem("a", value: "2") }
        #expect(try bytes(file) == content)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".lock"))
    }

    @Test("A folder the store creates is checked too: created for another uid's store, it is refused")
    func createdFolderIsChecked() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("new/sessions.json")
        let storage = FileStorage(fileURL: file, expectedOwner: 12345)
        await #expect(throws: StorageError.insecurePermissions) { try await storage.setItem("a", value: "2") }
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test(
        "Run as root: a folder, file or lock file chowned to another uid is refused; bytes stay",
        .enabled(if: geteuid() == 0), arguments: ["folder", "file", "lock"])
    func chownedToSomeoneElse(what: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("sessions")
        let file = folder.appendingPathComponent("sessions.json")
        let storage = FileStorage(fileURL: file)
        try await storage.setItem("a", value: "1")
        let content = try bytes(file)
        let chowned =
            switch what {
            case "folder": folder.path
            case "file": file.path
            default: file.path + ".lock"
            }
        #expect(chown(chowned, 12345, 12345) == 0)

        let error = await #expect(throws: StorageError.insecurePermissions) {
            try await storage.setItem("a", value: "2")
        }
        #expect(error?.path == chowned)
        #expect(error?.reason?.contains("owned by uid 12345") == true)
        if what != "lock" {
            await #expect(throws: StorageError.insecurePermissions) { try await storage.getItem("a") }
        }
        #expect(try bytes(file) == content)
    }
}
