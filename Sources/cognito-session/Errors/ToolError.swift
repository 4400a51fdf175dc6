/// A refusal by the tool itself (not the library or the service), printed as its description,
/// ending the run with ``status``.
struct ToolError: Error, CustomStringConvertible {
    let description: String
    let status: ExitStatus

    init(_ description: String, status: ExitStatus = .usage) {
        self.description = description
        self.status = status
    }
}
