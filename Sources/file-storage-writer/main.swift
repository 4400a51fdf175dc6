// A child process for FileStorage's tests: it writes to a store until told to stop or killed.
//
//   file-storage-writer loop <file>                  forever: set "counter" = n and "payload"
//                                                    = n repeated, in one update; prints n
//   file-storage-writer keys <file> <prefix> <count> set "<prefix>.<i>" = "<i>" for each i
//   file-storage-writer lease <file> <name>          take the refresh lease <name>, print 1,
//                                                    and hold it until killed
import CognitoSession
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: file-storage-writer loop|keys|lease <file> ...\n".utf8))
    exit(64)
}
let storage = FileStorage(fileURL: URL(fileURLWithPath: arguments[2]))

do {
    switch arguments[1] {
    case "loop":
        var counter = 0
        while true {
            counter += 1
            let value = String(counter)
            let payload = String(repeating: value + ",", count: 20_000 / (value.count + 1))
            try await storage.updateItems(set: ["counter": value, "payload": payload], remove: [])
            FileHandle.standardOutput.write(Data((value + "\n").utf8))
        }
    case "keys" where arguments.count == 5:
        guard let count = Int(arguments[4]) else { exit(64) }
        for index in 0..<count {
            try await storage.setItem("\(arguments[3]).\(index)", value: String(index))
        }
    case "lease" where arguments.count == 4:
        try await storage.withRefreshLease(named: arguments[3], timeout: .seconds(60)) {
            FileHandle.standardOutput.write(Data("1\n".utf8))
            while true { try await Task.sleep(for: .seconds(3600)) }
        }
    default:
        FileHandle.standardError.write(Data("unknown mode\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("file-storage-writer: \(error)\n".utf8))
    exit(1)
}
