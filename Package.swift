// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-cognito-session",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9)],
    products: [
        .library(name: "CognitoSession", targets: ["CognitoSession"]),
        .library(name: "CognitoSessionTesting", targets: ["CognitoSessionTesting"]),
        .library(name: "CognitoSessionPostgres", targets: ["CognitoSessionPostgres"]),
        .executable(name: "cognito-session", targets: ["cognito-session"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.4.0"),
        // Only the tool's `serve` command uses it; the CognitoSession library gains no server dependency.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        // Only the tool reads and writes its profiles file (config.toml) with it.
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        // Already under Hummingbird; the tests name NIOEmbedded to drive a router without a socket.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
        // Only CognitoSessionPostgres uses it; the CognitoSession library gains no database dependency.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCognitoOpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(
            name: "CognitoSession",
            dependencies: [
                "CCognitoOpenSSL",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CognitoSessionTesting",
            dependencies: [
                "CognitoSession",
                "CCognitoOpenSSL",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Sessions and cross-instance refresh coordination in PostgreSQL, for fleets.
        .target(
            name: "CognitoSessionPostgres",
            dependencies: [
                "CognitoSession",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "cognito-session",
            dependencies: [
                "CognitoSession",
                "CognitoSessionTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // A child process for FileStorage's crash and multi-process tests; not a product.
        .executableTarget(
            name: "file-storage-writer",
            dependencies: ["CognitoSession"]
        ),
        // A child process for the cross-process refresh tests (many getSession() calls on a shared store); not a product.
        .executableTarget(
            name: "session-refresher",
            dependencies: [
                "CognitoSession", "CognitoSessionPostgres", "CognitoSessionTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // A pseudo-terminal for the tool's prompt tests, shared by both test targets; not a product.
        .target(name: "ToolTestSupport", path: "Tests/ToolTestSupport"),
        .testTarget(
            name: "CognitoSessionTests",
            dependencies: [
                "ToolTestSupport",
                "CognitoSession",
                "CognitoSessionTesting",
                "file-storage-writer",
                "CCognitoOpenSSL",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                // The Hummingbird middleware example of CognitoSession.docc/Verifying.md.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        // Runs the library over real HTTP against moto's Cognito emulator; scripts/test.sh starts
        // moto and passes its pool in COGNITO_MOTO_CONFIG (see CognitoSession.docc/Integration.md).
        // The cross-process PostgreSQL tests share Support/PostgresServer.swift and TestDatabase.swift
        // with CognitoSessionPostgresTests (symbolic links to that target's files).
        .testTarget(
            name: "CognitoSessionIntegrationTests",
            dependencies: [
                "ToolTestSupport",
                "CognitoSession",
                "CognitoSessionTesting",
                "session-refresher",
                "CognitoSessionPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Runs CognitoSessionPostgres against a throw-away PostgreSQL server on 127.0.0.1: the one
        // scripts/test.sh starts (COGNITO_POSTGRES_URL), else one the tests start themselves.
        .testTarget(
            name: "CognitoSessionPostgresTests",
            dependencies: [
                "CognitoSession",
                "CognitoSessionPostgres",
                "CognitoSessionTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
