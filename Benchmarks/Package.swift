// swift-tools-version:6.1
// Benchmarks for swift-cognito-session, kept out of the library's dependency graph.
// Run: swift run -c release --package-path Benchmarks srp-benchmark
//      swift run -c release --package-path Benchmarks verify-benchmark
//      swift run -c release --package-path Benchmarks session-burst-benchmark
import PackageDescription

let package = Package(
    name: "swift-cognito-session-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-cognito-session", path: ".."),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        // Only verify-benchmark's comparison uses it.
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        .systemLibrary(name: "CBenchmarkOpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .executableTarget(
            name: "srp-benchmark",
            dependencies: [
                "CBenchmarkOpenSSL",
                .product(name: "CognitoSession", package: "swift-cognito-session"),
            ]
        ),
        .executableTarget(
            name: "verify-benchmark",
            dependencies: [
                "CBenchmarkOpenSSL",
                .product(name: "CognitoSession", package: "swift-cognito-session"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "JWTKit", package: "jwt-kit"),
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
