import CognitoSessionTesting
import Testing

@Suite("MemoryStorage: keys byte for byte")
struct MemoryStorageTests {
    @Test("Equivalent but byte-distinct keys are two keys; allItems keeps the first in byte order")
    func equivalentKeysAreDistinct() async throws {
        let (composed, decomposed) = ("jos\u{E9}", "jose\u{301}")
        let storage = MemoryStorage([composed: "composed"])
        #expect(try await storage.getItem(decomposed) == nil)
        try await storage.setItem(decomposed, value: "decomposed")
        #expect(try await storage.getItem(composed) == "composed")
        #expect(await storage.allItemPairs().map(\.value) == ["decomposed", "composed"])
        #expect(await storage.allItems() == [decomposed: "decomposed"])
        try await storage.updateItems(set: [composed: "updated"], remove: [decomposed])
        #expect(await storage.allItemPairs().map { Array($0.key.utf8) } == [Array(composed.utf8)])
        #expect(try await storage.getItem(composed) == "updated")
    }
}
