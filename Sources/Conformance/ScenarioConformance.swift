import Foundation
import A64
import Assembler
import Machine
import Platform
import TestSupport

/// One stop of a scenario comparison: an address in the current translation (virtual once the
/// MMU is on, physical before), a name for reports, and the memory compared there (read at
/// virtual addresses: gdb through QEMU's translation, ours through `Machine.translate`).
public struct ScenarioStop: Sendable {
    public var name: String
    public var address: UInt64
    public var memory: [MemoryRange]
    public init(name: String, address: UInt64, memory: [MemoryRange] = []) {
        self.name = name; self.address = address; self.memory = memory
    }
    var stopPoint: StopPoint {
        StopPoint(label: name, memory: memory, location: "0x" + String(address, radix: 16))
    }
}

/// The scenarios (an image linked at a virtual address, loaded at a different physical one,
/// entered MMU-off at a physical entry point, turning the MMU on itself) judged against QEMU.
///
/// - `judgeBoot`: the GNU-built image (host cpp + aarch64 as/ld at the link address) loaded raw at
///   the load address with QEMU's generic loader, both sides from the physical entry to each stop.
///   The registers our board sets at entry (the manifest's `[initial]`) are written into QEMU
///   through gdb first.
/// - `judgeResume`: QEMU 7.2's PSCI has no SYSTEM_SUSPEND (it answers NOT_SUPPORTED), so QEMU is
///   started in the woken state instead: our side runs to the `warm-boot` boundary, its RAM from
///   the load address to the end of .bss (image, page tables, saved context) is loaded into
///   QEMU, a small stub (GNU-assembled, run first on QEMU) writes our values of every writable
///   catalogued system register (gdb cannot write QEMU's system registers), then gdb writes
///   x0..x30, sp, cpsr and the PC (physical hyp_resume). The registers the firmware leaves
///   UNKNOWN so hold the same (our poison) values on both sides.
public enum ScenarioConformance {
    /// Where the resume stub is placed (RAM below the scenarios' load address, unused by them).
    public static let stubAddress: UInt64 = 0x4010_0000

    /// `qemuExtraSetup`: gdb commands run on QEMU after the harness's own setup (the self-tests
    /// use it to plant a difference and check that it is reported).
    public static func judgeBoot(_ built: BuiltScenario, stops: [ScenarioStop], timeout: Double = 30,
                                 maxSteps: Int = 200_000, qemuExtraSetup: [String] = []) -> Verdict {
        let name = "\(built.manifest.name) (boot)"
        let gnu: GNUToolchain.Build
        do { gnu = try gnuBuild(built) } catch { return fail(name, "GNU build failed: \(error)") }
        var problems: [String] = []
        if gnu.image != built.program.image {
            let first = zip(gnu.image, built.program.image).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(gnu.image.count, built.program.image.count)
            problems.append("images differ: GNU \(gnu.image.count) bytes, ours \(built.program.image.count), first difference at byte \(first)")
        }
        let run = ScenarioRun(built: built)
        let m = run.board.machine
        // QEMU resets to the same architectural state as our Machine (the corpus's reset_state.S);
        // what the board adds at entry (the caller's registers) is written through gdb.
        var setup = (0...30).map { "set $x\($0) = 0x" + String(m.x($0), radix: 16) }
        setup.append("set $sp = 0x" + String(m.sp, radix: 16))
        let raw = gnu.directory.url.appendingPathComponent("prog.bin")
        let entry = m.pc
        let ours = observeOurs(run, stops: stops, maxSteps: maxSteps)
        let qemu = observeQEMU(name: name, rawFiles: [(raw, built.manifest.loadAddress)], entry: entry,
                               elf: gnu.elf.path, setup: setup + qemuExtraSetup, stops: stops, directory: gnu.directory, timeout: timeout)
        return verdict(name, stops: stops, qemu: qemu, ours: ours, extraProblems: problems)
    }

    public static func judgeResume(_ built: BuiltScenario, stops: [ScenarioStop], timeout: Double = 30,
                                   maxSteps: Int = 200_000, qemuExtraSetup: [String] = []) -> Verdict {
        let name = "\(built.manifest.name) (resume)"
        let run = ScenarioRun(built: built)
        let o = run.run(boundaries: [.warmBoot], maxSteps: maxSteps)
        guard o.stop == .until, run.detector.has(.warmBoot) else {
            return fail(name, "SuspendScope did not reach warm-boot (\(o.stop), \(o.reason ?? ""))")
        }
        let m = run.board.machine
        let dir: TemporaryDirectory
        do { dir = try TemporaryDirectory(prefix: "scenario-resume") } catch { return fail(name, "\(error)") }
        // RAM as the core finds it on wake: the image, .data, the page tables and the context.
        let p = built.manifest.loadAddress
        let end = built.physical(built.program.sections.map { $0.address &+ $0.size }.max() ?? built.program.end)
        guard end > p, let ram = m.memory.readBytes(at: p, count: Int(end - p)) else {
            return fail(name, "could not read our RAM 0x\(String(p, radix: 16))..0x\(String(end, radix: 16))")
        }
        // The stub: every writable catalogued system register := our value at warm-boot.
        var stub = "_start:\n"
        for (i, r) in SystemRegisterCatalogue.all.enumerated() where r.kind == .stored {
            stub += "  ldr x0, =0x\(String(m.systemRegister(at: i), radix: 16))\n  msr \(r.name), x0\n"
        }
        stub += "  isb\nstub_done:\n  b stub_done\n  .ltorg\n"
        let stubBuild: GNUToolchain.Build
        do { stubBuild = try GNUToolchain.build(source: stub, base: stubAddress, entry: "_start") } catch {
            return fail(name, "GNU build of the resume stub failed: \(error)")
        }
        let ramURL = dir.url.appendingPathComponent("ram.bin")
        let stubURL = stubBuild.directory.url.appendingPathComponent("prog.bin")
        do { try Data(ram).write(to: ramURL) } catch { return fail(name, "\(error)") }
        // `b stub_done` is the stub's last instruction before the literal pool.
        let doneOffset = stubBuild.image.indices.filter { $0 % 4 == 0 && $0 + 4 <= stubBuild.image.count }
            .first { i in stubBuild.image[i..<(i + 4)].elementsEqual([0x00, 0x00, 0x00, 0x14]) }
        guard let doneOffset else { return fail(name, "no `b .` in the resume stub") }
        var setup = ["break *0x" + String(stubAddress + UInt64(doneOffset), radix: 16), "continue", "delete"]
        setup += (0...30).map { "set $x\($0) = 0x" + String(m.x($0), radix: 16) }
        setup.append("set $sp = 0x" + String(m.sp, radix: 16))
        setup.append("set $cpsr = 0x" + String(m.pstate & 0xffff_ffff, radix: 16))
        setup.append("set $pc = 0x" + String(m.pc, radix: 16))
        let ours = observeOurs(run, stops: stops, maxSteps: maxSteps)
        let qemu = observeQEMU(name: name, rawFiles: [(ramURL, p), (stubURL, stubAddress)], entry: stubAddress,
                               elf: nil, setup: setup + qemuExtraSetup, stops: stops, directory: dir, timeout: timeout)
        return verdict(name, stops: stops, qemu: qemu, ours: ours, extraProblems: [])
    }

    // MARK: The two sides

    /// Our side: the scenario's board run on to each stop's address in turn.
    static func observeOurs(_ run: ScenarioRun, stops: [ScenarioStop], maxSteps: Int) -> (states: [ObservedState], problem: String?) {
        var states: [ObservedState] = []
        for st in stops {
            let o = run.run(addresses: [st.address], maxSteps: maxSteps)
            guard o.stop == .until, run.board.machine.pc == st.address else {
                let why = o.fault.map { "faulted (EC 0x\(String($0.ec, radix: 16)) at 0x\(String($0.elr, radix: 16)))" }
                    ?? "stopped (\(o.stop)\(o.reason.map { ", \($0)" } ?? "")) at 0x\(String(run.board.machine.pc, radix: 16))"
                return (states, "\(why) before reaching \(st.name)")
            }
            states.append(observe(run.board.machine, stop: st))
        }
        return (states, nil)
    }

    /// The state of our machine, memory read through its current translation.
    public static func observe(_ m: Machine, stop: ScenarioStop) -> ObservedState {
        var sysregs: [String: UInt64] = [:]
        for (i, r) in SystemRegisterCatalogue.all.enumerated() { sysregs[r.name] = m.systemRegister(at: i) }
        var mem: [String: [UInt64]] = [:]
        for r in stop.memory {
            let base = r.address ?? 0
            mem[r.symbol] = (0..<r.words).map { k -> UInt64 in
                guard case let .mapped(pa, _, _, _) = m.translate(virtual: base &+ UInt64(k * 8)) else { return 0xdead_beef_dead_beef }
                return m.memory.readRAM(pa, 8) ?? 0xdead_beef_dead_beef
            }
        }
        return ObservedState(stop: stop.name, x: (0...30).map { m.x($0) }, sp: m.sp, pc: m.pc, cpsr: m.pstate & 0xffff_ffff,
                             systemRegisters: sysregs, memory: mem)
    }

    static func observeQEMU(name: String, rawFiles: [(file: URL, address: UInt64)], entry: UInt64, elf: String?, setup: [String],
                            stops: [ScenarioStop], directory: TemporaryDirectory, timeout: Double) -> (states: [ObservedState], problem: String?) {
        var problem: String?
        for attempt in 1...3 {
            do {
                let qemu = try QEMUInstance(rawFiles: rawFiles, entry: entry, log: directory.url.appendingPathComponent("qemu.log"))
                defer { qemu.stop() }
                var script = GDBScript(elfPath: elf, port: qemu.port, stops: stops.map(\.stopPoint))
                script.setup = setup
                let url = directory.url.appendingPathComponent("cmds.gdb")
                try script.text.write(to: url, atomically: true, encoding: .utf8)
                let r = try TimedProcess.run("gdb-multiarch", ["-batch", "-nx", "-x", url.path], timeout: timeout)
                let states = GDBOutput.parse(r.stdout)
                // SUSPENDSCOPE_GDB_DUMP=DIR keeps each case's gdb script and output there.
                if let d = ProcessInfo.processInfo.environment["SUSPENDSCOPE_GDB_DUMP"] {
                    let base = URL(fileURLWithPath: d).appendingPathComponent(name.filter { $0.isLetter || $0.isNumber })
                    try? script.text.write(to: base.appendingPathExtension("gdb"), atomically: true, encoding: .utf8)
                    try? (r.stdout + "\n--- stderr ---\n" + r.stderr).write(to: base.appendingPathExtension("out"), atomically: true, encoding: .utf8)
                }
                if states.count < stops.count {
                    let next = stops[states.count].name
                    problem = r.timedOut ? "QEMU did not reach \(next) within \(Int(timeout)) s"
                        : "gdb stopped before \(next): \(r.stderr.split(separator: "\n").suffix(3).joined(separator: " | "))"
                    if !qemu.logTail.isEmpty { problem! += " (QEMU said: \(qemu.logTail))" }
                    // gdb never attached (the port was taken between our probe and QEMU's bind): retry.
                    if states.isEmpty && !r.timedOut && attempt < 3 { continue }
                } else {
                    problem = nil
                }
                return (states, problem)
            } catch {
                return ([], "could not run QEMU/gdb: \(error)")
            }
        }
        return ([], problem)
    }

    static func verdict(_ name: String, stops: [ScenarioStop], qemu: (states: [ObservedState], problem: String?),
                        ours: (states: [ObservedState], problem: String?), extraProblems: [String]) -> Verdict {
        var divergence: Divergence?
        for k in 0..<min(qemu.states.count, ours.states.count) {
            if let d = Comparison.firstDifference(qemu: qemu.states[k], ours: ours.states[k], stopIndex: k,
                                                  systemRegisterOrder: GDBScript.catalogueNames) {
                divergence = d; break
            }
        }
        var problems = extraProblems
        if let p = qemu.problem { problems.append("QEMU: \(p)") }
        if let p = ours.problem { problems.append("SuspendScope: \(p)") }
        let problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
        var report = ""
        if divergence != nil || problem != nil {
            report = "=== conformance: \(name) ===\n"
            report += "stops: " + stops.map { "\($0.name) @ 0x\(String($0.address, radix: 16))" }.joined(separator: ", ") + "\n"
            if let d = divergence { report += "DIVERGENCE \(d)\n" }
            if let p = problem { report += "PROBLEM: \(p)\n" }
        }
        return Verdict(divergence: divergence, problem: problem,
                       stopsCompared: min(qemu.states.count, ours.states.count), report: report)
    }

    static func fail(_ name: String, _ p: String) -> Verdict {
        Verdict(divergence: nil, problem: p, stopsCompared: 0, report: "=== conformance: \(name) ===\nPROBLEM: \(p)\n")
    }

    // MARK: Building with GNU binutils

    /// The scenario's program built by the host's `cpp` (the same defines, the generated
    /// asm-offsets header, our prelude) and aarch64 `as` + `ld -Ttext=LINK`: an ELF at the
    /// virtual link addresses (gdb's symbols) and the raw image (`prog.bin` in the directory).
    /// The scenario built by the GNU tools as Xen's build would: each source through the host
    /// cpp (the scenario's `-I`, `-include` and `-D`, SuspendScope's prelude and predefined
    /// macros), `as` on each, `ld -Ttext=LINK` on the objects in the manifest's order.
    public static func gnuBuild(_ built: BuiltScenario) throws -> GNUToolchain.Build {
        let s = built.scenario
        let dir = try TemporaryDirectory(prefix: "scenario-gnu")
        for (file, text) in s.files {
            try text.write(to: dir.url.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("asm"), withIntermediateDirectories: true)
        try AsmOffsets.header(built.offsets).write(to: dir.url.appendingPathComponent("asm/asm-offsets.h"), atomically: true, encoding: .utf8)
        let prelude = dir.url.appendingPathComponent("prelude.h")
        try PreprocessorPrelude.text.write(to: prelude, atomically: true, encoding: .utf8)
        var arguments = ["-I", dir.url.path] + s.manifest.includeDirectories.flatMap { d in
            ["-I", d.hasPrefix("/") ? d : (s.folder ?? dir.url).appendingPathComponent(d).path]
        }
        arguments += PreprocessorPrelude.predefinedArguments
        arguments += ["-DCONFIG_ARM_64=1"]
        if s.manifest.hasContext {   // as Scenario.build: no context struct, no CONTEXT_* defines
            arguments += ["-DCONTEXT_SYMBOL=\(s.manifest.contextSymbol)",
                          "-DCONTEXT_SIZE=\(built.layout.size)", "-DCONTEXT_ALIGN=\(built.layout.alignment)"]
        }
        arguments += s.manifest.config.map { "-D\($0.0)=\($0.1)" }
        arguments += ["-include", prelude.path]
        arguments += s.manifest.preincludes.flatMap { p in
            ["-include", s.files[p] != nil ? dir.url.appendingPathComponent(p).path : p.hasPrefix("/") ? p : (s.folder ?? dir.url).appendingPathComponent(p).path]
        }
        let units = try s.manifest.sources.map { name in
            (name: name, text: try GNUToolchain.preprocess(dir.url.appendingPathComponent(name), arguments: arguments, currentDirectory: dir.url))
        }
        return try GNUToolchain.build(sources: units, base: s.manifest.linkAddress, entry: s.manifest.entry.isEmpty ? "0" : s.manifest.entry)
    }

    // MARK: Addresses

    /// The first `ret` (or other `word`) at or after a symbol of the program, by its bytes.
    public static func firstWord(_ word: UInt32, from symbol: String, in built: BuiltScenario, limit: Int = 256) -> UInt64? {
        guard let start = built.symbol(symbol) else { return nil }
        for k in 0..<limit {
            let a = start &+ UInt64(k * 4)
            if built.program.word(at: a) == word { return a }
        }
        return nil
    }
    public static let retWord: UInt32 = 0xd65f_03c0
    public static let smc0Word: UInt32 = 0xd400_0003
}
