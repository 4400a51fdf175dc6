/// The version of this library, as sent in the `User-Agent` of every request.
public enum CognitoSessionVersion {
    /// The release this source belongs to.
    public static let current = "0.1.0"

    /// The product token sent as `User-Agent` and `X-Amz-User-Agent`.
    package static let userAgent = "swift-cognito-session/\(current)"
}
