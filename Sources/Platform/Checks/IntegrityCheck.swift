import A64
import Machine
import Assembler

/// The integrity check (SPEC §2): runs the scenario through the whole path and compares what
/// the path must preserve. Registers x19..x29 and sp at `psci-call` against `resume-return`;
/// lr against its value at `suspend-entry` (at `psci-call` lr is call_psci_system_suspend's own
/// return address; the path must give back the lr prepare_resume_ctx was called with); every
/// EL2 system register the architecture loses at power-off (the catalogue's `powerOff`) that
/// software set before suspend, at `psci-call` against `resume-return`, reporting each that
/// comes back different or still unknown (less the manifest's `[integrity] ignore`, plus its
/// `sysregs`); and each struct field, as the
/// save left it at `context-saved`, against the register it belongs to. When the path does not
/// come back, it says what happened instead: the fault, the PSCI error, the suspend loop, the
/// suspend that never happened. Uses of unknown values and, with strict synchronization, a
/// restore without `isb` are findings too.
public struct IntegrityCheck {
    public let run: ScenarioRun
    public let outcome: ScenarioOutcome
    public private(set) var findings: [Finding] = []
    /// How many registers and fields were compared (for the summary line).
    public private(set) var compared = 0

    public init(_ built: BuiltScenario, maxSteps: Int = 1_000_000, policy: UnknownPolicy? = nil) {
        run = ScenarioRun(built: built, policy: policy)
        outcome = run.run(maxSteps: maxSteps)
        findings = path() + registers() + fields() + unknowns() + synchronization()
    }

    func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    // MARK: The path

    func path() -> [Finding] {
        var out: [Finding] = []
        let d = run.detector
        let m = run.built.manifest
        let calls = run.board.firmware.calls.filter { $0.function == PSCI.systemSuspend64 || $0.function == PSCI.systemSuspend32 }
        if !d.has(.psciCall) {
            if d.has(.contextSaved), let b = d.boundary(.contextSaved) {
                let x0 = run.states[.contextSaved].map { $0.registers[0] } ?? 0
                out.append(Finding(check: .path, kind: "never-suspended", subject: m.saveSymbol, expected: "non-zero", actual: hex(x0),
                                   location: run.place(b.pc),
                                   message: "never suspended: \(m.saveSymbol) returned \(hex(x0)) at step \(b.step), so the caller took the resume branch and skipped the PSCI call",
                                   step: b.step))
            } else {
                out.append(Finding(check: .path, kind: "never-suspended", subject: m.saveSymbol,
                                   message: "never suspended: \(m.saveSymbol) was \(d.has(.suspendEntry) ? "called but never returned" : "never called")"))
            }
        }
        for c in calls where c.result != .success {
            let code = c.result ?? .notSupported
            let where_ = run.place(c.pc)
            var msg = "PSCI SYSTEM_SUSPEND returned \(code.name) (\(code.rawValue)): \(c.reason)"
            if code == .invalidAddress, let resume = run.built.symbol(m.resumeSymbol) {
                msg += "; \(m.resumeSymbol) is at physical 0x\(String(run.built.physical(resume), radix: 16)) (virtual 0x\(String(resume, radix: 16)))"
                if c.arguments[0] == resume { msg += ": the entry point was passed as a virtual address" }
            }
            if let saved = d.boundary(.contextSaved) {
                msg += "; the caller's error branch ran, and the context saved at step \(saved.step) was never used"
            }
            out.append(Finding(check: .path, kind: "psci-error", subject: "SYSTEM_SUSPEND", expected: "SUCCESS (no return)",
                               actual: code.name, location: where_, message: msg, step: d.boundary(.psciCall)?.step))
        }
        if outcome.reason == "suspend-loop", let last = d.suspendCalls.last {
            let x0 = run.states[.resumeReturn].map { $0.registers[0] } ?? 0
            out.append(Finding(check: .path, kind: "suspend-loop", subject: "x0", expected: "0x0", actual: hex(x0),
                               location: d.boundary(.resumeReturn).map { run.place(run.linkAddress(of: $0.pc)) },
                               message: "suspends a second time (step \(last)): after resume, \(m.saveSymbol) appeared to return \(hex(x0)) instead of 0, so the caller asked PSCI to suspend again; stopped",
                               step: d.boundary(.resumeReturn)?.step))
        }
        if let f = outcome.fault {
            out.append(faultFinding(f))
        }
        if d.has(.psciCall), calls.contains(where: { $0.result == .success }), !d.has(.resumeReturn), outcome.fault == nil, outcome.reason == nil {
            let pc = run.board.machine.pc
            out.append(Finding(check: .path, kind: "no-resume", subject: "resume-return", location: run.place(run.linkAddress(of: pc)),
                               message: "the core was woken but never came back to the caller (stopped: \(outcome.stop.rawValue) at step \(outcome.steps), at `\(run.text(atPhysicalOrVirtual: pc))`)"))
        }
        return out
    }

    func faultFinding(_ f: ExceptionTaken) -> Finding {
        let kind = BatchRun.faultKind(f.ec)
        let mmuOn = run.board.machine.mmuEnabled
        var msg = "\(kind.replacingOccurrences(of: "-", with: " ")) at step \(outcome.steps)"
        var location = run.place(run.linkAddress(of: f.elr))
        if f.ec == 0x21 || f.ec == 0x20 || f.ec == 0x22, let from = run.previousPC {
            // The fetch failed: the culprit is the instruction that branched there.
            location = run.place(run.linkAddress(of: from))
            msg += ": `\(run.text(atPhysicalOrVirtual: from))` branched to \(hex(f.elr)), where nothing can be fetched"
        } else {
            msg += ": `\(run.text(atPhysicalOrVirtual: f.elr))`"
        }
        if f.ec == 0x20 || f.ec == 0x21 {
            msg += " (\(Self.faultStatus(f.esr & 0x3f)))"
        } else if let far = f.far {
            let fsc = f.esr & 0x3f
            msg += " accessed \(hex(far)) (\(Self.faultStatus(fsc)))"
            if !mmuOn, let ctx = run.built.symbol(run.built.manifest.contextSymbol), far >= ctx, far < ctx &+ UInt64(run.built.layout.size) {
                msg += " with the MMU off (SCTLR_EL2.M = 0): that is the virtual address of \(run.built.manifest.contextSymbol), which is not mapped physically"
            } else if !mmuOn, far >= run.built.manifest.linkAddress, far &- run.built.manifest.linkAddress < 1 << 30 {
                msg += " with the MMU off (SCTLR_EL2.M = 0): that is a virtual address of the image"
            }
        }
        msg += "; ESR_EL2 = \(hex(f.esr)), ELR_EL2 = \(hex(f.elr))"
        return Finding(check: .path, kind: kind, subject: "pc", actual: hex(f.elr), location: location, message: msg, step: outcome.steps - 1)
    }

    static func faultStatus(_ fsc: UInt64) -> String {
        let level = fsc & 3
        switch fsc & 0x3c {
        case 0x00: return "address size fault, level \(level)"
        case 0x04: return "translation fault, level \(level)"
        case 0x08: return "access flag fault, level \(level)"
        case 0x0c: return "permission fault, level \(level)"
        case 0x10: return fsc == 0x10 ? "synchronous external abort: nothing is mapped there" : "external abort on a table walk"
        case 0x20: return "alignment fault"
        default: return "fault status 0x" + String(fsc, radix: 16)
        }
    }

    // MARK: Registers

    mutating func registers() -> [Finding] {
        guard let after = run.states[.resumeReturn], let before = run.states[.psciCall] ?? run.states[.suspendEntry] else { return [] }
        var out: [Finding] = []
        let m = run.built.manifest
        let ignoredRegisters = Set(m.integrityIgnore.compactMap { ScenarioManifest.registerIndex($0.name) })
        for name in m.integrityRegisters {
            guard let idx = ScenarioManifest.registerIndex(name), !ignoredRegisters.contains(idx) else { continue }
            let baseline = idx == 30 ? (run.states[.suspendEntry] ?? before) : before
            let want = baseline.registers[idx], got = after.registers[idx]
            compared += 1
            guard want != got else { continue }
            let reg = ScenarioManifest.registerName(idx)
            var msg = "\(reg): expected \(hex(want)) (as at \(idx == 30 ? "suspend-entry" : "psci-call")), actual \(hex(got)) at resume-return"
            var offset: Int?
            var location: String?
            var step: Int?
            if let w = run.registerWriters[idx], let wake = run.detector.boundary(.warmBoot), w.step > wake.step {
                location = run.place(run.linkAddress(of: w.pc))
                step = w.step - 1
                if let pa = w.loadedFrom, let f = run.field(atPhysical: pa) {
                    offset = f.offset
                    msg += "; restored from offset \(f.offset) (\(f.name)) by `\(run.text(atPhysicalOrVirtual: w.pc))`"
                } else {
                    msg += "; last written by `\(run.text(atPhysicalOrVirtual: w.pc))`"
                }
            } else {
                msg += "; never restored after the power-off"
            }
            out.append(Finding(check: .integrity, kind: "register-mismatch", subject: reg, expected: hex(want), actual: hex(got),
                               offset: offset, location: location, message: msg, step: step ?? run.detector.boundary(.resumeReturn)?.step))
        }
        let unknownAfter = run.unknownSystemRegisters[.resumeReturn] ?? []
        for i in comparedSystemRegisters() {
            let name = SystemRegisterCatalogue.all[i].name
            let want = before.systemRegisters[i], got = after.systemRegisters[i]
            let lost = unknownAfter.contains(i)
            compared += 1
            guard want != got || lost else { continue }
            var offset: Int?
            var location: String?
            var step: Int?
            var restoredBy: String?
            if let w = run.sysregWriters[i], let wake = run.detector.boundary(.warmBoot), w.step > wake.step {
                location = run.place(run.linkAddress(of: w.pc))
                step = w.step - 1
                if let pa = w.loadedFrom, let f = run.field(atPhysical: pa) {
                    offset = f.offset
                    restoredBy = "restored from offset \(f.offset) (\(f.name)) by `\(run.text(atPhysicalOrVirtual: w.pc))`"
                } else { restoredBy = "last written by `\(run.text(atPhysicalOrVirtual: w.pc))`" }
            }
            if lost {
                var msg = "\(name) was \(hex(want)) before suspend and is unknown at resume-return"
                if let restoredBy {
                    msg += "; \(restoredBy), a value lost at power-off"
                } else if let field = contextField(holding: i) {
                    msg += ": struct \(run.built.layout.name) saves it in \(field.name) (offset \(field.offset)) but nothing restores it"
                    offset = field.offset
                } else if run.built.manifest.hasContext {
                    msg += ": \(run.built.layout.name) does not save it"
                    let l = run.built.layout.location
                    location = "\(l.file):\(l.line)"       // where a field for it would go
                } else {
                    msg += ": nothing saves it (the scenario has no context struct)"
                }
                out.append(Finding(check: .integrity, kind: "sysreg-lost", subject: name, expected: hex(want), actual: "unknown",
                                   offset: offset, location: location, message: msg, step: step ?? run.detector.boundary(.resumeReturn)?.step))
                continue
            }
            let msg = "\(name): expected \(hex(want)) (as at psci-call), actual \(hex(got)) at resume-return; "
                + (restoredBy ?? "never restored after the power-off")
            out.append(Finding(check: .integrity, kind: "sysreg-mismatch", subject: name, expected: hex(want), actual: hex(got),
                               offset: offset, location: location, message: msg, step: step ?? run.detector.boundary(.resumeReturn)?.step))
        }
        return out
    }

    /// The system registers the path must give back, in catalogue order: every register the
    /// architecture loses at power-off (`PowerOffLoss.lost` in the catalogue) that software set
    /// before suspend, plus those the manifest lists in `[integrity] sysregs`, less those it
    /// declares deliberately not preserved (`[integrity] ignore`).
    func comparedSystemRegisters() -> [Int] {
        let m = run.built.manifest
        let listed = Set(m.integritySysregs.compactMap { SystemRegisterCatalogue.index(named: $0) })
        let ignored = Set(m.integrityIgnore.compactMap { SystemRegisterCatalogue.index(named: $0.name) })
        let suspend = (run.detector.boundary(.suspendEntry) ?? run.detector.boundary(.psciCall))?.step ?? 0
        return SystemRegisterCatalogue.all.indices.filter { i in
            guard !ignored.contains(i) else { return false }
            if listed.contains(i) { return true }
            guard SystemRegisterCatalogue.all[i].powerOff == .lost, let first = run.sysregFirstWrites[i] else { return false }
            return first <= suspend
        }
    }

    /// The context struct's field that holds system register `i`, by the patch's convention.
    func contextField(holding i: Int) -> ContextConvention.Field? {
        ContextConvention.owners(of: run.built.layout).first { $0.owner == .sysreg(i) }
    }

    /// Each field as the save left it, against the register it belongs to at suspend-entry.
    mutating func fields() -> [Finding] {
        guard let bytes = run.contextBytes[.contextSaved], let st = run.states[.suspendEntry], bytes.count == run.built.layout.size else { return [] }
        var out: [Finding] = []
        for f in ContextConvention.owners(of: run.built.layout) {
            guard f.offset + 8 <= bytes.count else { continue }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[f.offset + k]) << UInt64(8 * k) }
            let want: UInt64
            switch f.owner {
            case .register(let r): want = st.registers[r]
            case .sp: want = st.registers[32]
            case .sysreg(let i): want = st.systemRegisters[i]
            }
            compared += 1
            guard v != want else { continue }
            let holder = Self.owner(of: v, in: st)
            out.append(Finding(check: .integrity, kind: "field-mismatch", subject: f.name, expected: hex(want), actual: hex(v), offset: f.offset,
                               location: "\(run.built.manifest.structHeader)",
                               message: "struct \(run.built.layout.name) field \(f.name) (offset \(f.offset)) holds \(hex(v))\(holder.map { " (the value of \($0))" } ?? "") after the save, but \(f.owner.name) was \(hex(want))"))
        }
        return out
    }

    /// Which register held `v` in a state (to say "the value of VTCR_EL2").
    static func owner(of v: UInt64, in s: Machine.Snapshot) -> String? {
        for (i, r) in SystemRegisterCatalogue.all.enumerated() where r.unknownAfterPowerDown && s.systemRegisters[i] == v && v != 0 { return r.name }
        for r in 19...30 where s.registers[r] == v && v != 0 { return "x\(r)" }
        return nil
    }

    func unknowns() -> [Finding] {
        run.unknownUses.map { u in
            Finding(check: .unknown, kind: "unknown-" + u.kind.rawValue, subject: u.source.name, location: run.place(run.linkAddress(of: u.pc)),
                    message: u.message, step: u.step - 1)
        }
    }

    func synchronization() -> [Finding] {
        guard run.built.manifest.strictSynchronization, let last = run.restoreMSRs.last else { return [] }
        if run.restoreISBs.contains(where: { $0 > last.step }) { return [] }
        let name = SystemRegisterCatalogue.all[last.index].name
        let leave = run.detector.boundary(.contextRestored)
        return [Finding(check: .synchronization, kind: "missing-isb", subject: name, location: run.place(run.linkAddress(of: last.pc)),
                        message: "no isb after `msr \(name), ...` (the last EL2 register restored) before the restore returns\(leave.map { " at \(run.place(run.linkAddress(of: $0.pc)))" } ?? ""): the restored system registers are not guaranteed to be in effect (strict synchronization)", step: last.step - 1)]
    }
}

