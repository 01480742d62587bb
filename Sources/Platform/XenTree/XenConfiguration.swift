/// A Xen build configuration as `include/generated/autoconf.h` carries it: `#define CONFIG_X
/// value` lines, in order. A built tree has its own; an unbuilt one gets `defaults`; a
/// scenario's `[config]` overrides either (true sets an option to 1, false removes it, an integer
/// or a string is its value as written after the name, as `-D` takes it).
public struct XenConfiguration: Sendable, Equatable {
    public struct Option: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public var options: [Option]
    /// Where the options came from: the tree's autoconf.h, or "SuspendScope's default configuration".
    public var origin: String

    /// SuspendScope's default configuration for a tree that has not been built: the options
    /// the arm64 boot and suspend code and the headers it includes read, as Xen's Kconfig sets
    /// them for an arm64 build with system suspend and early printk on QEMU virt's PL011 and
    /// without EFI (Kconfig's defaults elsewhere).
    public static let defaults: [Option] = [
        ("CONFIG_ARM_64", "1"), ("CONFIG_ARM", "1"), ("CONFIG_64BIT", "1"), ("CONFIG_MMU", "1"),
        ("CONFIG_PADDR_BITS", "48"), ("CONFIG_NR_CPUS", "128"),
        ("CONFIG_FUNCTION_ALIGNMENT_4B", "1"), ("CONFIG_FUNCTION_ALIGNMENT", "4"), ("CONFIG_HAS_ALTERNATIVE", "1"),
        ("CONFIG_UNSUPPORTED", "1"), ("CONFIG_HAS_SYSTEM_SUSPEND", "1"), ("CONFIG_SYSTEM_SUSPEND", "1"),
        ("CONFIG_HAS_PL011", "1"), ("CONFIG_EARLY_UART_CHOICE_PL011", "1"), ("CONFIG_EARLY_UART_PL011", "1"),
        ("CONFIG_EARLY_PRINTK", "1"), ("CONFIG_EARLY_UART_BASE_ADDRESS", "0x09000000"),
        ("CONFIG_EARLY_UART_PL011_BAUD_RATE", "0"), ("CONFIG_EARLY_PRINTK_INC", "\"debug-pl011.inc\""),
        ("CONFIG_DTB_FILE", "\"\""), ("CONFIG_CMDLINE", "\"\""),
    ].map { Option(name: $0.0, value: $0.1) }

    public static var defaultConfiguration: XenConfiguration {
        XenConfiguration(options: defaults, origin: "SuspendScope's default configuration")
    }

    /// The options of an autoconf.h (`#define CONFIG_X value`; other lines are ignored).
    public static func parse(autoconf text: String, origin: String) -> XenConfiguration {
        var options: [Option] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#define ") else { continue }
            let rest = t.dropFirst(8).trimmingCharacters(in: .whitespaces)
            let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            guard !name.isEmpty else { continue }
            options.append(Option(name: name, value: rest.dropFirst(name.count).trimmingCharacters(in: .whitespaces)))
        }
        return XenConfiguration(options: options, origin: origin)
    }

    public func value(_ name: String) -> String? { options.last { $0.name == name }?.value }
    public func isSet(_ name: String) -> Bool { value(name).map { $0 != "0" } ?? false }

    /// With the scenario's overrides: nil removes the option, a value sets (or adds) it.
    public func applying(_ overrides: [(String, String?)]) -> XenConfiguration {
        guard !overrides.isEmpty else { return self }
        var out = self
        for (name, value) in overrides {
            out.options.removeAll { $0.name == name }
            if let value { out.options.append(Option(name: name, value: value)) }
        }
        out.origin += " with the scenario's [config]"
        return out
    }

    /// The configuration as `include/generated/autoconf.h` text.
    public var autoconfText: String {
        "/*\n * Xen's configuration for SuspendScope: \(origin).\n */\n"
            + options.map { "#define \($0.name) \($0.value)\n" }.joined()
    }

    /// The configuration as preprocessor defines (for reading C headers).
    public var defines: [String: String] {
        Dictionary(options.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// An integer option's value (`0x09000000`, `115200`).
    public func integer(_ name: String) -> UInt64? {
        guard var v = value(name)?.lowercased() else { return nil }
        while let last = v.last, last == "u" || last == "l" { v.removeLast() }
        if v.hasPrefix("0x") { return UInt64(v.dropFirst(2), radix: 16) }
        return UInt64(v)
    }
}
