import ArgumentParser
import CognitoSession
import Foundation

/// `cognito-session devices`: list or forget remembered devices.
struct Devices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List or forget the user's remembered devices.", subcommands: [List.self, Forget.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List remembered devices.",
            discussion: #"With --output json: {"devices": [{"key", "name", "lastAuthenticated", "created"}]}."#)
        @OptionGroup var pool: PoolOptions
        @OptionGroup var user: UserOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let (user, _) = try await pool.currentSession(self.user.username)
            var devices: [DeviceType] = []
            var token: String?
            repeat {
                let page = try await user.listDevices(limit: 60, paginationToken: token)
                devices += page.devices
                token = page.paginationToken
            } while token != nil
            if output.json {
                try JSONOutput.write([
                    "devices": devices.map { device -> [String: Any] in
                        [
                            "key": device.deviceKey, "name": Self.name(device) ?? NSNull(),
                            "lastAuthenticated": device.deviceLastAuthenticatedDate.map(TimeText.iso) ?? NSNull(),
                            "created": device.deviceCreateDate.map(TimeText.iso) ?? NSNull(),
                        ]
                    }
                ])
                return
            }
            if devices.isEmpty { Terminal.progress("No remembered devices for \(user.username).") }
            for device in devices {
                let seen = device.deviceLastAuthenticatedDate.map(TimeText.local) ?? "-"
                Terminal.output("\(device.deviceKey)  \(Self.name(device) ?? "-")  last used \(seen)")
            }
        }

        static func name(_ device: DeviceType) -> String? {
            device.deviceAttributes?.first { $0.name == "device_name" }?.value
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget this device, or the one given.")
        @OptionGroup var pool: PoolOptions
        @OptionGroup var user: UserOptions

        @Option(help: "The device key to forget (default: this device).")
        var deviceKey: String?

        func run() async throws {
            let (user, _) = try await pool.currentSession(self.user.username)
            if let deviceKey {
                try await user.forgetSpecificDevice(deviceKey)
            } else {
                try await user.forgetDevice()
            }
            Terminal.progress("Forgotten.")
        }
    }
}
