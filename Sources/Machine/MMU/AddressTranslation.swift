import A64

// AT S1E2R/W, S1E1R/W, S1E0R/W and (with stage 2 off) S12E1R/W, S12E0R/W at EL2: a stage-1
// walk whose result goes to PAR_EL1 instead of an exception, as QEMU 7.2 builds it
// (`do_ats_write`): at EL2 every fault is reported in PAR_EL1, none is taken.
//
// PAR_EL1 on success: PA[47:12], ATTR (the MAIR attribute of the leaf; MMU off: 0x00, Device
// nGnRnE, or 0xff with HCR_EL2.DC for the EL1&0 regime), SH (the leaf's; 0 with the MMU off),
// NS = 1 (non-secure, no EL3) and bit 11 (the 64-bit format, always set by QEMU). On a fault:
// F = 1, FST = the fault status code, bit 11.
//
// Not modelled (the AT stops the run as not modelled, nothing changes): stage 2 (the S12 forms
// with HCR_EL2.VM = 1, and S1E1/S1E0 walks with HCR_EL2.VM = 1, whose table addresses go
// through stage 2), and EL1&0 regimes with a granule other than 4 KiB. Like data accesses,
// TBI (top byte ignore) is not modelled.

extension Machine {
    @inline(never)
    func addressTranslation<R: Recorder>(_ va: UInt64, el2: Bool, el0: Bool, stage2: Bool, write: Bool,
                                         _ rec: inout R) -> ExecStatus {
        guard let par = parValue(va, el2: el2, el0: el0, stage2: stage2, write: write) else { return .notModelled }
        writeSys(Sys.par, par, &rec)
        rec.note(.addressTranslation)
        return .normal
    }

    /// The PAR_EL1 value an AT of `va` gives, or nil when the translation is not modelled.
    func parValue(_ va: UInt64, el2: Bool, el0: Bool, stage2: Bool, write: Bool) -> UInt64? {
        let hcr = sys[Sys.hcr]
        let vm = hcr & 1 != 0
        let format: UInt64 = 1 << 11
        func success(_ pa: UInt64, _ attr: UInt64, _ sh: UInt64) -> UInt64 {
            format | (pa & 0x0000_ffff_ffff_f000) | 1 << 9 | attr << 56 | sh << 7
        }
        func fault(_ status: UInt8) -> UInt64 { format | UInt64(status & 0x3f) << 1 | 1 }
        let mmuOn = el2 ? sys[Sys.sctlr] & 1 != 0 : sys[Sys.sctlrEL1] & 1 != 0
        if !el2 && vm && (stage2 || mmuOn) { return nil }
        if !mmuOn {
            // The identity, within the 44-bit physical range.
            if va >> 44 != 0 { return fault(0x00) }
            let attr: UInt64 = !el2 && hcr & (1 << 12) != 0 ? 0xff : 0x00     // HCR_EL2.DC
            return success(va, attr, 0)
        }
        let detail: WalkDetail
        if el2 {
            let t = walk(va)
            if case let .fault(status, _, _) = t { return fault(status) }
            detail = walkTables(va, el2Regime())
        } else {
            guard let d = walkEL1(va) else { return nil }
            detail = d
        }
        guard case let .mapped(pa, writable, _, level) = detail.translation else {
            if case let .fault(status, _, _) = detail.translation { return fault(status) }
            return nil
        }
        let permitted = (!write || writable) && (!el0 || detail.el0Accessible)
        if !permitted { return fault(0x0c + UInt8(level)) }
        return success(pa, detail.attributes, detail.shareability)
    }

    /// The EL2 regime as `walk` builds it (its checks passed).
    func el2Regime() -> WalkRegime {
        let tcr = sys[Sys.tcr]
        let psBits: [Int] = [32, 36, 40, 42, 44, 48, 52, 48]
        return WalkRegime(ttbr: sys[Sys.ttbr0], ttbrName: "TTBR0_EL2", inputSize: 64 - Int(tcr & 0x3f),
                          outputSize: min(psBits[Int((tcr >> 16) & 7)], 44), wxn: sys[Sys.sctlr] & (1 << 19) != 0,
                          mair: sys[Sys.mair])
    }

    /// A stage-1 walk of the EL1&0 regime (TTBR0_EL1 for the low range, TTBR1_EL1 for the high
    /// range), or nil when its granule is not the 4 KiB one.
    func walkEL1(_ va: UInt64) -> WalkDetail? {
        let tcr = sys[Sys.tcrEL1]
        let upper = va >> 55 & 1 != 0
        let tsz = Int(upper ? (tcr >> 16) & 0x3f : tcr & 0x3f)
        let epd = upper ? tcr >> 23 & 1 != 0 : tcr >> 7 & 1 != 0
        // TG0: 0 4K, 1 64K, 2 16K; TG1: 1 16K, 2 4K, 3 64K.
        let fourK = upper ? (tcr >> 30) & 3 == 2 : (tcr >> 14) & 3 == 0
        func fault(_ d: String) -> WalkDetail { WalkDetail(translation: .fault(status: 0x04, level: 0, description: d)) }
        if epd { return fault("translation fault at level 0 (TCR_EL1.EPD\(upper ? 1 : 0) = 1: no walks of TTBR\(upper ? 1 : 0)_EL1)") }
        guard fourK else { return nil }
        if tsz < 16 || tsz > 39 { return fault("translation fault at level 0 (TCR_EL1.T\(upper ? 1 : 0)SZ = \(tsz) is outside 16...39)") }
        let inputSize = 64 - tsz
        let top = va >> UInt64(inputSize)
        if top != (upper ? (UInt64(1) << UInt64(tsz)) &- 1 : 0) {
            return fault("translation fault at level 0 (VA 0x\(String(va, radix: 16)) is outside the TTBR\(upper ? 1 : 0)_EL1 range)")
        }
        let ipsBits: [Int] = [32, 36, 40, 42, 44, 48, 52, 48]
        let regime = WalkRegime(ttbr: sys[upper ? Sys.ttbr1EL1 : Sys.ttbr0EL1], ttbrName: upper ? "TTBR1_EL1" : "TTBR0_EL1",
                                inputSize: inputSize, outputSize: min(ipsBits[Int((tcr >> 32) & 7)], 44),
                                wxn: sys[Sys.sctlrEL1] & (1 << 19) != 0, mair: sys[Sys.mairEL1])
        // Only the low inputSize bits index the tables (the top bits are all ones for TTBR1).
        return walkTables(va & ((UInt64(1) << UInt64(inputSize)) &- 1), regime)
    }
}
