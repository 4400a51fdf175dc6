import CognitoSession
import Foundation

extension LocalUserPool {
    /// Runs an operation under the rules of the app client it names: its `ExplicitAuthFlows`, whether it
    /// revokes tokens, and `PreventUserExistenceErrors` (an unknown user gets the service's masked answer).
    func handleApplyingClientRules(_ operation: String, _ request: WireObject) throws -> [String: Any] {
        let client = (try? request.optionalString("ClientId")).flatMap { $0 }.flatMap { clients[$0] }
        if let client {
            try checkFlowAllowed(operation, request, client: client)
            if operation == "RevokeToken", !client.enableTokenRevocation {
                throw ServiceFault(
                    name: "UnsupportedOperationException",
                    message: "Token revocation is not enabled for this app client.")
            }
        }
        do {
            return try handle(operation, request)
        } catch let fault as ServiceFault where fault.name == "UserNotFoundException" {
            guard let client, client.preventUserExistenceErrors else { throw fault }
            return try maskedAnswer(operation, request, client: client)
        }
    }

    private func checkFlowAllowed(_ operation: String, _ request: WireObject, client: AppClient) throws {
        guard operation == "InitiateAuth" || operation == "AdminInitiateAuth", !client.explicitAuthFlows.isEmpty,
            let flow = try request.optionalString("AuthFlow")
        else { return }
        let allowing: [String] =
            switch flow {
            case "USER_SRP_AUTH": [ExplicitAuthFlow.userSRPAuth]
            case AuthFlow.userAuth.rawValue: [ExplicitAuthFlow.userAuth]
            case "USER_PASSWORD_AUTH": ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"]
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN": [Self.allowRefreshTokenAuth]
            case "CUSTOM_AUTH": ["ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"]
            case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH":
                ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]
            default: []
            }
        // Clients with only legacy names (no ALLOW_*) refresh and use SRP implicitly, as the service lets them.
        let legacy = !client.explicitAuthFlows.contains { $0.hasPrefix("ALLOW_") }
        if legacy, ["USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"].contains(flow) { return }
        guard allowing.contains(where: client.explicitAuthFlows.contains) else {
            throw ServiceFault.invalidParameter(
                operation == "AdminInitiateAuth"
                    ? "Auth flow not enabled for this client" : "\(flow) flow not enabled for this client")
        }
    }

    static let allowRefreshTokenAuth = "ALLOW_REFRESH_TOKEN_AUTH"

    /// Whether the client may refresh: `ALLOW_REFRESH_TOKEN_AUTH`, only legacy flow names (which refresh
    /// implicitly), or no flows at all (a client of `addClient`).
    func allowsRefresh(_ client: AppClient) -> Bool {
        let flows = client.explicitAuthFlows
        return flows.isEmpty || flows.contains(Self.allowRefreshTokenAuth) || !flows.contains { $0.hasPrefix("ALLOW_") }
    }

    /// What the service answers about a user who does not exist when the client prevents user-existence errors.
    private func maskedAnswer(_ operation: String, _ request: WireObject, client: AppClient) throws -> [String: Any] {
        switch operation {
        case "InitiateAuth", "AdminInitiateAuth":
            let parameters = try request.stringMap("AuthParameters")
            guard try request.optionalString("AuthFlow") == "USER_SRP_AUTH", let given = parameters["USERNAME"],
                let srpA = parameters["SRP_A"], let a = try? BigNumber(hexadecimal: srpA)
            else {
                throw ServiceFault.incorrectPassword
            }
            // A challenge for a user that no password can match: the refusal comes at the next step.
            let verifier = try makeVerifier(
                username: given,
                password: Self.randomToken(
                    alphabet: Self.alphanumerics,
                    count: 32))
            var state = ChallengeState(
                username: given, clientId: client.id, expected: .passwordVerifier,
                expires: now().addingTimeInterval(Self.sessionLifetime))
            let srp = try SRPServer(verifier: verifier)
            state.srp = srp
            state.clientA = a
            let block = Data(try SecureRandom.bytes(count: 64))
            state.secretBlock = block
            return challenge(
                "PASSWORD_VERIFIER", state: state,
                parameters: [
                    "SALT": verifier.salt.hexString, "SECRET_BLOCK": block.base64EncodedString(),
                    "SRP_B": srp.largeB.hexString, "USERNAME": given, "USER_ID_FOR_SRP": given,
                ])
        case "RespondToAuthChallenge", "AdminRespondToAuthChallenge":
            throw ServiceFault.incorrectPassword
        case "ForgotPassword", "ResendConfirmationCode":
            return [
                "CodeDeliveryDetails": [
                    "AttributeName": "email", "DeliveryMedium": "EMAIL",
                    "Destination": "u***@e***",
                ]
            ]
        case "ConfirmForgotPassword", "ConfirmSignUp":
            throw ServiceFault.codeMismatch
        default:
            throw ServiceFault.userNotFound
        }
    }
}
