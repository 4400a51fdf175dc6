import CognitoSession
import Foundation

extension LocalUserPool {
    static let alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    static func randomToken(alphabet: String, count: Int) -> String {
        let characters = Array(alphabet)
        let bytes = (try? SecureRandom.bytes(count: count)) ?? (0..<count).map { _ in UInt8.random(in: 0...255) }
        return String(bytes.map { characters[Int($0) % characters.count] })
    }

    static func newTOTPSecret() -> String {
        Base32.encode((try? SecureRandom.bytes(count: 20)) ?? (0..<20).map { _ in UInt8.random(in: 0...255) })
    }

    static func sixDigitCode() -> String {
        String(format: "%06d", Int.random(in: 0..<1_000_000))
    }

    func now() -> Date { clock.now() }

    /// Records a code the pool "sent" (read back by ``lastCode(for:purpose:)`` or serve's test controls).
    func sendCode(to username: String, purpose: SentMessage.Purpose, medium: String) -> String {
        let code = Self.sixDigitCode()
        outbox.append(SentMessage(username: username, purpose: purpose, medium: medium, code: code))
        return code
    }

    func codeDeliveryDetails(for user: LocalUser, attribute: String = "email") -> [String: String] {
        let value = user.attributes[attribute] ?? user.attributes["phone_number"] ?? ""
        let medium = attribute == "phone_number" ? "SMS" : "EMAIL"
        return ["AttributeName": attribute, "DeliveryMedium": medium, "Destination": Self.mask(value)]
    }

    static func mask(_ value: String) -> String {
        if let at = value.firstIndex(of: "@") {
            return String(value.prefix(1)) + "***" + String(value[at...])
        }
        return "+*******" + String(value.suffix(4))
    }
}
