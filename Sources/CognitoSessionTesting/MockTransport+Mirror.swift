import CognitoSession
import HTTPTypes

// Mirrors for the mock transport's records: request and response bodies carry passwords and
// tokens, so a dump shows their sizes, never their bytes. Read them through `body` or `json`.

extension RecordedRequest: CustomReflectable {
    /// The operation, method, path and body size; the body is `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "operation": operation, "method": request.method.rawValue, "path": request.path as Any,
                "bodyByteCount": body.count, "body": Redaction.marker,
            ],
            displayStyle: .struct)
    }
}

extension MockResponse: CustomReflectable {
    /// The status (or failure), size and latency, as `description` shows them; the body is `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["response": description, "body": Redaction.marker], displayStyle: .struct)
    }
}

extension MockTransport: CustomReflectable {
    /// Nothing of what it queued or recorded (bodies with passwords and tokens).
    public nonisolated var customMirror: Mirror {
        Mirror(self, children: ["state": Redaction.marker], displayStyle: .class)
    }
}
