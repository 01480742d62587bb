import A64

/// EL2 stage-1 translation table walk (regime EL2 with HCR_EL2.E2H = 0: one VA range through
/// TTBR0_EL2, one privilege level), as QEMU 7.2 performs it for cortex-a57.
///
/// Supported: the 4 KiB granule only (TCR_EL2.TG0 = 0), T0SZ 16...39 (start level 0, 1 or 2),
/// blocks at levels 1 and 2, pages at level 3, AF, AP[2], XN, APTable[1], XNTable, WXN, and the
/// output size min(TCR_EL2.PS, PARange = 44 bits).
///
/// Differences from QEMU, on purpose:
/// - TG0 = 1 (64 KiB) is walked by QEMU (cortex-a57 implements it); TG0 = 2 (16 KiB, not
///   implemented on cortex-a57) and 3 (reserved) are treated by QEMU as its other granules.
///   Here any TG0 other than 0 is a translation fault at level 0.
/// - A descriptor in a device (MMIO) region is not read through the device: it is a
///   synchronous external abort on the walk, like an unmapped address.
/// Not modelled: TCR_EL2.TBI (top byte ignore), memory types from MAIR_EL2 (so no alignment
/// faults for Device memory), the contiguous bit, hardware AF/dirty updates (cortex-a57 has none),
/// HCR_EL2.E2H = 1 (the EL2&0 regime: TTBR1_EL2, EL0 permissions). AT instructions walk with
/// `walkTables` too (AddressTranslation.swift), for the EL1&0 regime as well.
/// Checked against QEMU by the conformance corpus (mmu_el2.S, mmu_faults.S,
/// mmu_table_attributes.S): every fault kind, APTable, XNTable, WXN, walk external aborts.
extension Machine {
    /// Walks the tables for `va` and returns the mapping with its permissions (no permission
    /// check, no TLB fill, no exception). Assumes the MMU is on.
    func walk(_ va: UInt64) -> Translation {
        let tcr = sys[Sys.tcr]
        let t0sz = Int(tcr & 0x3f)
        if (tcr >> 14) & 3 != 0 {
            return .fault(status: 0x04, level: 0, description: "translation fault at level 0 (TCR_EL2.TG0 = \((tcr >> 14) & 3): only the 4 KiB granule is supported)")
        }
        // A T0SZ outside 16...39 (cortex-a57: no FEAT_TTST, no FEAT_LVA) is out of range; the
        // Arm ARM leaves clamping or faulting IMPLEMENTATION DEFINED and QEMU (tsz_oob) faults.
        // Not checked against QEMU here: every fetch, the vector's too, would fault forever.
        if t0sz < 16 || t0sz > 39 {
            return .fault(status: 0x04, level: 0, description: "translation fault at level 0 (TCR_EL2.T0SZ = \(t0sz) is outside 16...39)")
        }
        let inputSize = 64 - t0sz
        if va >> UInt64(inputSize) != 0 {
            return .fault(status: 0x04, level: 0, description: "translation fault at level 0 (VA \(hex(va)) is beyond the \(inputSize)-bit input range of T0SZ = \(t0sz))")
        }
        let psBits: [Int] = [32, 36, 40, 42, 44, 48, 52, 48]
        let regime = WalkRegime(ttbr: sys[Sys.ttbr0], ttbrName: "TTBR0_EL2", inputSize: inputSize,
                                outputSize: min(psBits[Int((tcr >> 16) & 7)], 44), wxn: sys[Sys.sctlr] & (1 << 19) != 0,
                                mair: sys[Sys.mair])
        return walkTables(va, regime).translation
    }

    /// Walks the 4 KiB-granule tables of a stage-1 regime for `va` (already checked against the
    /// regime's input range): the mapping with its permissions, or the fault, and the leaf
    /// descriptor's attributes.
    func walkTables(_ va: UInt64, _ regime: WalkRegime) -> WalkDetail {
        let inputSize = regime.inputSize, outputSize = regime.outputSize
        var level = inputSize > 39 ? 0 : (inputSize > 30 ? 1 : 2)
        // Index bits at the start level; the table base is aligned to the table's size (4 KiB
        // for full tables), as QEMU masks it.
        var indexBits = inputSize - (12 + 9 * (3 - level))
        var table = regime.ttbr & 0x0000_ffff_ffff_fffe & ~((UInt64(1) << UInt64(indexBits + 3)) &- 1)
        func fault(_ status: Int, _ level: Int, _ description: String) -> WalkDetail {
            WalkDetail(translation: .fault(status: UInt8(status), level: level, description: description))
        }
        if table >> UInt64(outputSize) != 0 {
            return fault(0x00, 0, "address size fault at level 0 (\(regime.ttbrName) base \(hex(table)) is beyond the \(outputSize)-bit output size)")
        }
        var readOnlyTable = false, xnTable = false, noEL0Table = false
        while true {
            let shift = UInt64(12 + 9 * (3 - level))
            let index = (va >> shift) & ((UInt64(1) << UInt64(indexBits)) &- 1)
            let descAddr = table | (index << 3)
            guard let d = memory.readRAM(descAddr, 8) else {
                return fault(0x14 + level, level, "synchronous external abort on the table walk at level \(level) (descriptor address \(hex(descAddr)) is not RAM)")
            }
            if d & 1 == 0 {
                return fault(0x04 + level, level, "translation fault at level \(level) (no mapping for VA \(hex(va)): descriptor at \(hex(descAddr)) is invalid)")
            }
            let address = d & 0x0000_ffff_ffff_f000
            if level < 3 && d & 2 != 0 {
                if address >> UInt64(outputSize) != 0 {
                    return fault(level, level, "address size fault at level \(level) (next table \(hex(address)) is beyond the \(outputSize)-bit output size)")
                }
                if d & (1 << 62) != 0 { readOnlyTable = true }
                if d & (1 << 61) != 0 { noEL0Table = true }
                if d & (1 << 60) != 0 { xnTable = true }
                table = address
                level += 1
                indexBits = 9
                continue
            }
            if level == 3 && d & 2 == 0 || level == 0 {
                return fault(0x04 + level, level, "translation fault at level \(level) (descriptor at \(hex(descAddr)) is a \(level == 0 ? "block, not allowed at level 0" : "reserved type"))")
            }
            let blockMask = (UInt64(1) << shift) &- 1
            let output = address & ~blockMask
            if output >> UInt64(outputSize) != 0 {
                return fault(level, level, "address size fault at level \(level) (output address \(hex(output)) is beyond the \(outputSize)-bit output size)")
            }
            if d & (1 << 10) == 0 {
                return fault(0x08 + level, level, "access flag fault at level \(level) (AF = 0 in the descriptor at \(hex(descAddr)) for VA \(hex(va)))")
            }
            let writable = d & (1 << 7) == 0 && !readOnlyTable
            // XN is bit 54 (UXN for EL1&0, which PXN, bit 53, joins at EL1: the walk of the EL2
            // regime has only XN).
            let executable = d & (1 << 54) == 0 && !xnTable && !(regime.wxn && writable)
            let el0 = d & (1 << 6) != 0 && !noEL0Table
            let attr = (regime.mair >> (((d >> 2) & 7) * 8)) & 0xff
            return WalkDetail(translation: .mapped(physical: output | (va & blockMask), writable: writable, executable: executable, level: level),
                              attributes: attr, shareability: (d >> 8) & 3, el0Accessible: el0)
        }
    }
}

/// What a stage-1 walk works from: the table base, the input and output sizes, SCTLR.WXN and
/// the MAIR that the leaf's AttrIndx selects from.
struct WalkRegime {
    var ttbr: UInt64
    /// The register the base came from, for messages.
    var ttbrName: String
    var inputSize: Int
    var outputSize: Int
    var wxn: Bool
    var mair: UInt64
}

/// A walk's result with the leaf descriptor's attributes (what AT reports in PAR_EL1).
struct WalkDetail {
    var translation: Translation
    /// The MAIR attribute byte of the leaf's AttrIndx, and its SH field.
    var attributes: UInt64 = 0
    var shareability: UInt64 = 0
    /// AP[1] (and no APTable[0] above): EL0 may access the page.
    var el0Accessible = false
}

@inline(never) fileprivate func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
