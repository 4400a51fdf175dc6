// swift-tools-version:6.1
// libFuzzer targets for swift-cognito-session, kept out of the library's dependency graph.
// Build and run: ./scripts/fuzz.sh (see Fuzz/README.md)
import PackageDescription

let package = Package(
    name: "swift-cognito-session-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "swift-cognito-session", path: "..")],
    targets: [
        .executableTarget(
            name: "cognito-fuzz",
            dependencies: [
                .product(name: "CognitoSession", package: "swift-cognito-session"),
                .product(name: "CognitoSessionTesting", package: "swift-cognito-session"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
