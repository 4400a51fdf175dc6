import Hummingbird

/// The request context of `serve`: Hummingbird's core context plus a way to drop the connection
/// (the `dropConnection` fault).
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the connection the request came on, without an answer.
    let dropConnection: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        dropConnection = { channel.close(promise: nil) }
    }

    /// Bodies larger than this are refused (the service's own limit is far below it).
    var maxUploadSize: Int { 1 << 20 }
}
