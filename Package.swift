// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "SuspendScope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "suspendscope", targets: ["suspendscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        // Theme files (themes/*.toml).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The gdb remote server's TCP and standard-I/O transport.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        // The instruction set: decode table, encoder, disassembler, system-register catalogue.
        .target(name: "A64"),
        // GNU as syntax: preprocessor, parser, layout, literal pools, symbols, line map.
        .target(name: "Assembler", dependencies: ["A64"]),
        // CPU state, memory, exceptions, the step function and its effects.
        .target(name: "Machine", dependencies: ["A64"]),
        // The emulated platform: PSCI firmware, the UART, power states, scenarios (built-in ones are
        // resources), boundaries, the integrity and static checks, batch runs.
        .target(name: "Platform", dependencies: ["A64", "Assembler", "Machine"], resources: [.copy("Scenarios"), .copy("Tours"), .copy("Reviews"), .copy("XenHarness")]),
        // ncursesw, seen only by the TUI's terminal backend.
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The terminal interface: frames of cells with style roles, panels, layout, themes, keys,
        // the terminal abstraction with its ncurses and in-memory implementations. The shipped
        // themes are resources (Themes/), found from any working directory.
        .target(name: "TUI", dependencies: ["A64", "Assembler", "Machine", "Platform", "Debugger", "CNCurses",
                                            .product(name: "TOMLKit", package: "TOMLKit")],
                resources: [.copy("Themes")]),
        // The debugger engine: reverse execution, breakpoints, watchpoints, expressions, the
        // gdb-style command language (`suspendscope debug --commands`).
        .target(name: "Debugger", dependencies: ["A64", "Assembler", "Machine", "Platform"]),
        // `suspendscope gdbserver`: gdb's remote protocol over the debugger engine (packets,
        // requests, the target description, the command layer, NIO and in-memory transports).
        .target(name: "GDBRemote", dependencies: ["A64", "Machine", "Platform", "Debugger",
                                                  .product(name: "NIOCore", package: "swift-nio"),
                                                  .product(name: "NIOPosix", package: "swift-nio")]),
        // Outside references for tests: GNU binutils, QEMU, gdb, tmux, and skip/require logic.
        .target(name: "TestSupport"),
        // Differential harness: QEMU (via gdb-multiarch) and GNU binutils judge the emulator.
        .target(name: "Conformance", dependencies: ["A64", "Assembler", "Machine", "Platform", "TestSupport"]),
        // `swift run conformance-check FILE.S [--until LABEL] [--dump SYM:BYTES]`: one program, both sides.
        .executableTarget(name: "conformance-check", dependencies: ["Conformance"]),
        // Decodes all 2^32 words: totality and decode/encode round trip (release build).
        .executableTarget(name: "DecoderTotality", dependencies: ["A64"]),
        // The executable: argument parsing only.
        .executableTarget(
            name: "suspendscope",
            dependencies: [
                "A64", "Assembler", "Machine", "Platform", "TUI", "Debugger", "GDBRemote",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "A64Tests", dependencies: ["A64", "TestSupport"]),
        .testTarget(name: "AssemblerTests", dependencies: ["Assembler", "A64", "TestSupport"], resources: [.copy("Corpus")]),
        .testTarget(name: "MachineTests", dependencies: ["Machine", "Assembler", "A64", "TestSupport"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "TestSupport", "Machine", "A64", "Assembler", "Platform"],
                    resources: [.copy("Corpus")]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Debugger", "Platform", "Machine", "TestSupport"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform", "Machine", "A64", "Assembler", "TestSupport", "Conformance"],
                    exclude: ["Patches"]),
        .testTarget(name: "DebuggerTests", dependencies: ["Debugger", "Platform", "Machine", "A64", "Assembler", "TestSupport"]),
        .testTarget(name: "GDBRemoteTests", dependencies: ["GDBRemote", "Debugger", "Platform", "Machine", "A64", "TestSupport", "Conformance"]),
        .testTarget(name: "CLITests", dependencies: ["suspendscope", "TestSupport", "Conformance"], exclude: ["Programs", "Fixtures"]),
        // The debugger's figures: forward with history, bytes per step, reverse step, session load.
        .executableTarget(
            name: "DebuggerBenchmark",
            dependencies: ["Debugger", "Platform", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Debugger",
            exclude: ["bench-loop"],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EmulatorBenchmark",
            dependencies: [
                "A64", "Machine",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Emulator",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Issue 15's figure: stepi round trips through gdb, this server against QEMU's gdbstub.
        .executableTarget(
            name: "GDBServerBenchmark",
            dependencies: ["GDBRemote", "Debugger", "Platform", "Conformance", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/GDBServer",
            exclude: ["stepi-loop.S"],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TUIBenchmark",
            dependencies: ["Platform", "TUI", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/TUI",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
