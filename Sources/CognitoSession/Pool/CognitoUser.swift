import Foundation

/// A user of a ``CognitoUserPool``: signs in, answers challenges, and keeps the session fresh.
///
/// Safe to share between tasks. `getSession()` returns the valid session in memory or in storage,
/// or refreshes it — with the device key when the device is remembered — through the pool's
/// refresh coordination, so any number of concurrent callers (also through other `CognitoUser`
/// values for the same user) make one refresh request between them.
///
/// After an SRP sign-in the user's name becomes the `USER_ID_FOR_SRP` the service returned (the
/// canonical user name, also when the user typed an alias such as an email), as in
/// amazon-cognito-identity-js; tokens and device keys are stored under it.
public final class CognitoUser: Sendable {
    /// The pool the user belongs to.
    public let pool: CognitoUserPool

    struct Challenge {
        let name: ChallengeName
        var session: String?
        /// The USERNAME the service expects in answers (and in their SECRET_HASH).
        let responder: String
    }

    struct State {
        var username: String
        var flowType: AuthenticationFlowType = .userSRPAuth
        var session: CognitoUserSession?
        var challenge: Challenge?
        /// The device remembered for the name a sign-in started with, used for every step of it.
        var signInDevice: StoredDevice?
        /// The name a sign-in started with, and the name its device is stored under.
        var signInName: (typed: String, deviceOwner: String?)?
    }

    let state: Locked<State>

    /// A user of `pool`. The name may be an alias the pool accepts for sign-in.
    public init(username: String, pool: CognitoUserPool) {
        self.pool = pool
        self.state = Locked(State(username: username))
    }

    /// The user name: as given, until a sign-in names the canonical one.
    public var username: String { state.withLock { $0.username } }

    /// How ``authenticateUser(_:)`` signs in when ``AuthenticationDetails/authenticationFlowType``
    /// is nil (USER_SRP_AUTH unless set): the JS library's `setAuthenticationFlowType`.
    @available(*, deprecated, message: "pass authenticationFlowType in AuthenticationDetails")
    public var authenticationFlowType: AuthenticationFlowType {
        get { state.current.flowType }
        set { state.withLock { $0.flowType = newValue } }
    }

    /// The session held in memory, if any (valid or not); ``getSession(clientMetadata:)`` is the
    /// way to get a valid one.
    public var signInUserSession: CognitoUserSession? { state.current.session }

    var service: CognitoServiceClient { pool.service }
    var store: SessionStore { pool.store }
}

extension CognitoUser: CustomStringConvertible {
    /// The user name and pool; never tokens.
    public var description: String { "CognitoUser(\(username), pool: \(pool.userPoolId))" }
}
