/// A refusal by the tool itself (not the library or the service), printed as its description.
struct ToolError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
