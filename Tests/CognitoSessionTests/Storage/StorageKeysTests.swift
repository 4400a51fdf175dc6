import Testing

@testable import CognitoSession

@Suite("Storage keys: the amazon-cognito-identity-js layout")
struct StorageKeysTests {
    @Test("Every key is spelled as the JS library writes it")
    func layout() {
        let keys = StorageKeys(clientId: "5ts8s8f0ph1ftbngkp6ucgjc2c")
        let user = "CognitoIdentityServiceProvider.5ts8s8f0ph1ftbngkp6ucgjc2c.alice@example.com."
        #expect(keys.lastAuthUser == "CognitoIdentityServiceProvider.5ts8s8f0ph1ftbngkp6ucgjc2c.LastAuthUser")
        #expect(keys.idToken(username: "alice@example.com") == user + "idToken")
        #expect(keys.accessToken(username: "alice@example.com") == user + "accessToken")
        #expect(keys.refreshToken(username: "alice@example.com") == user + "refreshToken")
        #expect(keys.clockDrift(username: "alice@example.com") == user + "clockDrift")
        #expect(keys.userData(username: "alice@example.com") == user + "userData")
        #expect(keys.deviceKey(username: "alice@example.com") == user + "deviceKey")
        #expect(keys.randomPasswordKey(username: "alice@example.com") == user + "randomPasswordKey")
        #expect(keys.deviceGroupKey(username: "alice@example.com") == user + "deviceGroupKey")
    }
}
