import Foundation

/// What a device needs to be remembered: the random password the client keeps, and the salt and
/// verifier that ConfirmDevice sends as `DeviceSecretVerifierConfig` (both base64).
///
/// Built as amazon-cognito-identity-js's `generateHashDevice` does it. Later sign-ins prove
/// knowledge of ``randomPassword`` through DEVICE_SRP_AUTH with an ``AuthenticationHelper``
/// whose pool name is the device group key and whose user name is the device key.
package struct DeviceVerifier: Sendable {
    /// Random bytes behind the device password (40, as the JS library draws them).
    package static let passwordByteCount = 40
    /// Random bytes behind the device salt.
    package static let saltByteCount = 16

    /// The device password: base64 of 40 random bytes (56 characters). A secret.
    package let randomPassword: String
    /// `DeviceSecretVerifierConfig.Salt`: base64 of the padded salt.
    package let salt: String
    /// `DeviceSecretVerifierConfig.PasswordVerifier`: base64 of the padded g^x mod N.
    package let passwordVerifier: String

    /// Generates a verifier for the device identified by `deviceKey` in `deviceGroupKey`.
    ///
    /// - Parameter randomBytes: where randomness comes from; the default is libcrypto's DRBG.
    ///   Tests inject fixed bytes to reproduce vectors.
    package init(
        deviceGroupKey: String, deviceKey: String,
        randomBytes: (Int) throws -> [UInt8] = { count in try SecureRandom.bytes(count: count) }
    ) throws {
        let group = try SRPGroup.cognito()
        var passwordBytes = try randomBytes(Self.passwordByteCount)
        defer { passwordBytes.secureClear() }
        let randomPassword = Data(passwordBytes).base64EncodedString()
        let saltBytes = try BigNumber(bigEndian: randomBytes(Self.saltByteCount)).cognitoPaddedBytes
        let x = try AuthenticationHelper.privateKey(
            poolName: deviceGroupKey, username: deviceKey, password: randomPassword,
            salt: BigNumber(bigEndian: saltBytes))
        let verifier = try group.generator.modularPower(secretExponent: x, modulus: group.modulus)
        self.randomPassword = randomPassword
        self.salt = Data(saltBytes).base64EncodedString()
        self.passwordVerifier = Data(verifier.cognitoPaddedBytes).base64EncodedString()
    }
}

extension DeviceVerifier: CustomStringConvertible {
    /// Redacted: the device password is a secret.
    package var description: String { "DeviceVerifier(randomPassword: <redacted>)" }
}
