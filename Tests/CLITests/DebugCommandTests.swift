import Foundation
import Testing
import TestSupport

/// `suspendscope debug [SCENARIO] --commands FILE|-`: the debugger without a terminal.
@Suite struct DebugCommandTests {
    /// Splits the transcript into (command, output) pairs.
    static func transcript(_ stdout: String) -> [(command: String, output: String)] {
        var out: [(String, String)] = []
        var text = Substring(stdout)
        if text.hasSuffix("\n") { text = text.dropLast() }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("(ssc) ") { out.append((String(line.dropFirst(6)), "")) }
            else if !out.isEmpty { out[out.count - 1].1 += (out[out.count - 1].1.isEmpty ? "" : "\n") + line }
        }
        return out
    }

    static func debug(_ script: String, scenario: String = "v9") throws -> ProcessResult {
        try SuspendScopeBinary.run(["debug", scenario, "--commands", "-"], input: Data(script.utf8))
    }

    /// Run to power-off, go back 20 steps and forward again: at every step the registers, system
    /// registers and the context bytes print the same as on the first pass.
    @Test func reverseTwentyStepsFromPowerOffMatchesTheFirstPass() throws {
        let dump = ["frame", "info registers", "info sysregs", "info context", "x/22gx &resume_cpu_context"]
        var script = "# first pass up to power-off\nuntil power-off\ninfo boundaries\nrs 20\n"
        for _ in 0..<20 { script += (dump + ["s"]).joined(separator: "\n") + "\n" }
        script += dump.joined(separator: "\n") + "\n"
        for _ in 0..<20 { script += (["rs"] + dump).joined(separator: "\n") + "\n" }
        for _ in 0..<20 { script += (["s"] + dump).joined(separator: "\n") + "\n" }
        let r = try Self.debug(script)
        #expect(r.status == 0, "\(r.stderr)")
        let t = Self.transcript(r.stdout)
        // Group the dumps by the step `frame` names.
        var byStep: [String: [String]] = [:]
        var i = 0
        while i < t.count {
            if t[i].command == "frame" {
                let step = String(t[i].output.prefix { $0 != ":" })
                let block = t[i..<min(t.count, i + dump.count)].map { "\($0.command)\n\($0.output)" }.joined(separator: "\n")
                byStep[step, default: []].append(block)
                i += dump.count
            } else { i += 1 }
        }
        #expect(byStep.count == 21, "\(byStep.keys.sorted())")
        for (step, blocks) in byStep {
            #expect(blocks.count >= 2, "\(step) seen \(blocks.count) times")
            #expect(Set(blocks).count == 1, "\(step) differs between passes")
        }
        let boundaries = try #require(t.first { $0.command == "info boundaries" }?.output)
        #expect(boundaries.contains("power-off\tstep"))
    }

    @Test func conditionalBreakpointAndWatchpointThroughTheCLI() throws {
        let script = """
            b create_table_entry if $x3 == 30
            watch resume_cpu_context.sp
            c
            p $x3
            c
            c
            rc
            rc
            info breakpoints
            """
        let r = try Self.debug(script)
        #expect(r.status == 0, "\(r.stderr)")
        let t = Self.transcript(r.stdout)
        #expect(t.count == 9)
        #expect(t[2].output.contains("Breakpoint 1, create_table_entry"))
        #expect(t[3].output.hasPrefix("0x1e (30)"))
        #expect(t[4].output.contains("Breakpoint 1, create_table_entry (hit 2 times)"))
        let second = try #require(t[4].output.split(separator: "\n").last.map(String.init))
        #expect(t[5].output.contains("Watchpoint 2: resume_cpu_context.sp"))
        #expect(t[5].output.contains("Old value = 0x0"))
        #expect(t[5].output.contains("changed by step 548: str x2, [x0, #96]"))
        #expect(t[6].output.hasSuffix("step 547: 0x20000200320 <prepare_resume_ctx+32> head.S:38\tstr x2, [x0, #96]"))
        #expect(t[6].output.contains("Watchpoint 2: resume_cpu_context.sp"))
        #expect(t[7].output.contains("Breakpoint 1, create_table_entry (hit 3 times)"))
        #expect(t[7].output.hasSuffix(second))
    }

    @Test func malformedCommandsPrintAnErrorContinueAndExit2() throws {
        let r = try Self.debug("p 1 +\nsi\nfrobnicate\np $pc == $pc\n")
        #expect(r.status == 2)
        let t = Self.transcript(r.stdout)
        #expect(t.map(\.command) == ["p 1 +", "si", "frobnicate", "p $pc == $pc"])
        #expect(t[0].output == "error: column 6: expected an expression after '+'")
        #expect(t[1].output.hasPrefix("step 1:"))
        #expect(t[2].output.contains("unknown command 'frobnicate'"))
        #expect(t[3].output == "0x1 (1)")
        #expect(r.stderr.contains("<stdin>:1:6: error: expected an expression after '+'"))
        #expect(r.stderr.contains("<stdin>:3:1: error: unknown command"))
    }

    @Test func commandFileAndBadArguments() throws {
        let dir = try TemporaryDirectory(prefix: "debug")
        let path = try CLI.write("# comment\n\nsi 3\nwhere\n", as: "cmds.txt", in: dir)
        let ok = try CLI.run(["debug", "v9", "--commands", path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("(ssc) si 3\nstep 3:"))
        #expect(!ok.stdout.contains("comment"))
        let missing = try CLI.run(["debug", "v9", "--commands", dir.url.appendingPathComponent("nope").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope: no such file"))
        let noScenario = try CLI.run(["debug", "v99", "--commands", path])
        #expect(noScenario.status == 2)
        // Windows line ends are line ends.
        let crlf = try DebugCommandTests.debug("si 2\r\nframe\r\n")
        #expect(crlf.status == 0, "\(crlf.stderr)")
        #expect(crlf.stdout.contains("(ssc) frame\nstep 2:"))
    }
}

/// `save`, quit, `session replay`: the same state byte for byte; `session show`.
@Suite struct SessionCommandTests {
    @Test func saveQuitReplayRestoresTheSameState() throws {
        let dir = try TemporaryDirectory(prefix: "session")
        let file = dir.url.appendingPathComponent("walk.json").path
        let dumps = "frame\ninfo registers\ninfo sysregs\ninfo context\n"
        let script = "b mmu-on\nc\nc\nset $x5 = 0xabc\nset $VBAR_EL2 = 0x40000800\ns 3\n" + dumps + "save \(file)\nquit\np 1\n"
        let r = try DebugCommandTests.debug(script)
        #expect(r.status == 0, "\(r.stderr)")
        let t = DebugCommandTests.transcript(r.stdout)
        #expect(t.last?.command == "quit")
        let before = t.filter { ["frame", "info registers", "info sysregs", "info context"].contains($0.command) }
        let replay = try CLI.run(["session", "replay", file])
        #expect(replay.status == 0, "\(replay.stderr)")
        let after = DebugCommandTests.transcript(replay.stdout)
        #expect(after.map(\.command) == before.map(\.command))
        #expect(after.map(\.output) == before.map(\.output))
        let show = try CLI.run(["session", "show", file])
        #expect(show.status == 0)
        #expect(show.stdout.contains("edit at step"))
        #expect(show.stdout.contains("$x5 = 0xabc"))
        // A truncated copy is refused with exit 2 and the file is left alone.
        let bad = dir.url.appendingPathComponent("bad.json").path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try String(text.prefix(40)).write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["session", "replay", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not valid JSON"))
        #expect(try String(contentsOfFile: bad, encoding: .utf8) == String(text.prefix(40)))
    }
}

/// `run --trace FILE.jsonl` and the debugger's `trace FILE`: one JSON object per step.
@Suite struct TraceTests {
    @Test func runTraceHasOneObjectPerStepWithEffectsAndBoundaries() throws {
        let dir = try TemporaryDirectory(prefix: "trace")
        let file = dir.url.appendingPathComponent("t.jsonl").path
        let r = try CLI.run(["run", "v9", "--until", "power-off", "--trace", file, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? Int)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == steps)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["step"] as? Int } == Array(1...steps))
        let last = try #require(objects.last)
        #expect(last["instruction"] as? String == "smc #0x0")
        #expect(last["boundaries"] as? [String] == ["psci-call", "power-off"] || last["boundaries"] as? [String] == ["power-off"])
        let stores = objects.filter { ($0["instruction"] as? String)?.hasPrefix("str x2, [x0, #96]") == true }
        let store = try #require(stores.first)
        let memory = try #require(store["memory"] as? [String: Any])
        #expect(memory["size"] as? Int == 8)
        #expect((memory["old"] as? [String]) == ["0x0"])
    }

    @Test func debuggerTraceWritesTheStepsSoFarWithEdits() throws {
        let dir = try TemporaryDirectory(prefix: "trace")
        let file = dir.url.appendingPathComponent("h.jsonl").path
        let r = try DebugCommandTests.debug("s 30\nset $x3 = 5\ns 2\ntrace \(file)\n")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 33)
        #expect(lines[30] == #"{"step":30,"edit":{"target":"$x3","value":"0x5"}}"#)
    }

    /// `trace t` (a one-character name in the working directory) ended the debugger with an
    /// illegal instruction inside Foundation's path splitting; found by the commands fuzz target.
    @Test func oneCharacterFileNamesInTheWorkingDirectory() throws {
        let dir = try TemporaryDirectory(prefix: "trace")
        let r = try SuspendScopeBinary.run(["debug", "v9", "--commands", "-"], input: Data("s 3\ntrace t\ntrace 6\n".utf8), in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote the trace of steps 1...3 to t"))
        for name in ["t", "6"] {
            let lines = try String(contentsOfFile: dir.url.appendingPathComponent(name).path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 3, "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["6", "t"])
        let e = try SuspendScopeBinary.run(["run", "v9", "--until", "power-off", "--trace", "r"], in: dir.url)
        #expect(e.status == 0, "\(e.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("r").path))
    }
}
