// The Hummingbird middleware of CognitoSession.docc/Verifying.md. The code below, from `import CognitoSession`
// to the end, is the article's example character for character; VerifyingGuideExampleTests checks that.
import CognitoSession
import Hummingbird

/// The request context of routes that need a caller: the verified claims, once the middleware set them.
struct AuthenticatedContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var claims: CognitoVerifiedClaims?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// Lets a request through only with `Authorization: Bearer <token>` that `verifier` accepts.
struct CognitoAuthMiddleware: RouterMiddleware {
    let verifier: CognitoJWTVerifier

    func handle(
        _ request: Request, context: AuthenticatedContext,
        next: (Request, AuthenticatedContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            // No credentials: a challenge without an error code (RFC 6750, section 3.1).
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
        }
        var context = context
        do {
            context.claims = try await verifier.verify(String(header.dropFirst("bearer ".count)))
        } catch {
            // The error names the check that failed, never the token.
            context.logger.info("bearer token refused", metadata: ["reason": "\(error)"])
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
        }
        return try await next(request, context)
    }
}

/// The service's routes: every one behind the middleware.
func makeRouter(verifier: CognitoJWTVerifier) -> Router<AuthenticatedContext> {
    let router = Router(context: AuthenticatedContext.self)
    router.add(middleware: CognitoAuthMiddleware(verifier: verifier))
    router.get("me") { _, context in
        context.claims?.username ?? ""
    }
    return router
}
