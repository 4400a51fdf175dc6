// swift-tools-version:6.1
// Benchmarks for swift-cognito-session, kept out of the library's dependency graph.
// Run: swift run -c release --package-path Benchmarks srp-benchmark (or session-burst-benchmark)
import PackageDescription

let package = Package(
    name: "swift-cognito-session-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "swift-cognito-session", path: "..")],
    targets: [
        .systemLibrary(name: "CBenchmarkOpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .executableTarget(
            name: "srp-benchmark",
            dependencies: [
                "CBenchmarkOpenSSL",
                .product(name: "CognitoSession", package: "swift-cognito-session"),
            ]
        ),
        .systemLibrary(name: "CBenchmarkMalloc"),
        .executableTarget(
            name: "session-burst-benchmark",
            dependencies: [
                "CBenchmarkMalloc",
                .product(name: "CognitoSessionTesting", package: "swift-cognito-session"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
