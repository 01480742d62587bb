/// One decoded A64 instruction.
///
/// This is the single shared representation: the decode table produces it, the encoder turns it
/// back into the same 32-bit word, the disassembler prints it, the assembler builds it from
/// source text, and the executor runs it. It is a plain value type (no references, no
/// allocation) so that decoded instructions can be cached in flat arrays.
///
/// Field meaning depends on `op`; every field not listed for an op is zero/false/`.none`.
/// Registers are numbers 0...31; whether 31 means SP or ZR is decided by the op (see `Op`).
/// All offsets in `imm` are fully decoded byte values (scaled, sign-extended), never raw fields.
public struct Instruction: Equatable, Hashable, Sendable {
    /// What the instruction does.
    public var op: Op
    /// 64-bit (X register) form when true, 32-bit (W register) form when false.
    /// For loads/stores: see `Op.ldr` etc.
    public var sf: Bool
    /// Destination register (Rd), or the transfer register Rt for loads/stores, MRS/MSR, SYS,
    /// CBZ/CBNZ, TBZ/TBNZ.
    public var rd: UInt8
    /// First source / base register (Rn).
    public var rn: UInt8
    /// Second source register (Rm), or the index register of a register-offset load/store.
    public var rm: UInt8
    /// Third source register: Ra for MADD/MSUB and the long multiplies, Rt2 for LDP/STP and
    /// the exclusive pairs.
    public var ra: UInt8
    /// The immediate, decoded: see each op.
    public var imm: Int64
    /// Shift type (`Shift` raw value) for shifted-register forms; extend type (`Extend` raw
    /// value) for extended-register forms and register-offset loads/stores.
    public var shift: UInt8
    /// Shift amount (shifted register), extend left-shift amount (extended register), or for
    /// register-offset loads/stores the applied shift (0 or log2 of the access size).
    public var amount: UInt8
    /// Condition code (B.cond, CSEL family), or the bit number (0...63) of TBZ/TBNZ.
    public var cond: UInt8
    /// Raw N, immr and imms fields of bitmask immediates (logical imm) and of SBFM/BFM/UBFM;
    /// for EXTR `imms` is the lsb. For register-offset loads/stores `imms` is the S bit. For
    /// CCMP/CCMN `imms` is the NZCV value the flags get when the condition fails.
    public var n: UInt8
    public var immr: UInt8
    public var imms: UInt8
    /// log2 of the access size in bytes for loads and stores (0 = byte ... 3 = doubleword).
    public var size: UInt8
    /// Addressing mode for loads and stores.
    public var mode: AddressingMode
    /// System register / system instruction encoding, packed by `SystemRegisterEncoding`:
    /// op0(2) op1(3) CRn(4) CRm(4) op2(3) from bit 15 down. Used by MRS, MSR (register), SYS.
    /// For MSR (immediate) it holds op1 and op2 (with op0 = 0, CRn = 4) and `imm` holds CRm.
    public var sys: UInt16

    public init(op: Op, sf: Bool = true, rd: UInt8 = 0, rn: UInt8 = 0, rm: UInt8 = 0, ra: UInt8 = 0,
                imm: Int64 = 0, shift: UInt8 = 0, amount: UInt8 = 0, cond: UInt8 = 0,
                n: UInt8 = 0, immr: UInt8 = 0, imms: UInt8 = 0, size: UInt8 = 0,
                mode: AddressingMode = .none, sys: UInt16 = 0) {
        self.op = op; self.sf = sf; self.rd = rd; self.rn = rn; self.rm = rm; self.ra = ra
        self.imm = imm; self.shift = shift; self.amount = amount; self.cond = cond
        self.n = n; self.immr = immr; self.imms = imms; self.size = size; self.mode = mode
        self.sys = sys
    }

    /// The UNDEFINED instruction (any word the decode table does not recognise).
    public static let undefined = Instruction(op: .undefined)
}

/// Instruction kinds. The comment on each case lists the fields it uses.
/// "SP" means register 31 is the stack pointer in that position; otherwise 31 is XZR/WZR.
public enum Op: UInt8, Sendable, CaseIterable {
    /// Not an instruction SuspendScope implements: executes as UNDEFINED (EC 0x00).
    /// `imm` holds the raw word so that it can be re-encoded and printed as `.inst`.
    case undefined

    // MARK: Data processing, immediate
    /// sf, rd (SP), rn (SP), imm = imm12 (unshifted), amount = 0 or 12.
    case addImm, subImm
    /// sf, rd (ZR), rn (SP), imm = imm12, amount = 0 or 12.
    case addsImm, subsImm
    /// sf, rd (SP for AND/ORR/EOR; ZR for ANDS), rn (ZR), imm = the decoded bitmask value,
    /// n/immr/imms = the raw fields.
    case andImm, orrImm, eorImm, andsImm
    /// sf, rd, imm = imm16, amount = hw * 16.
    case movn, movz, movk
    /// sf, rd, rn, n, immr, imms.
    case sbfm, bfm, ubfm
    /// sf, rd, rn, rm, imms = lsb.
    case extr
    /// rd; imm = byte offset from the PC (ADRP: from PC & ~0xfff, a multiple of 4096).
    case adr, adrp

    // MARK: Branches, exceptions, system
    /// imm = byte offset from the PC.
    case b, bl
    /// cond, imm = byte offset.
    case bcond
    /// sf, rd = Rt, imm = byte offset.
    case cbz, cbnz
    /// rd = Rt, cond = bit number (sf = bit >= 32), imm = byte offset.
    case tbz, tbnz
    /// rn.
    case br, blr, ret
    case eret
    /// imm = imm16.
    case svc, hvc, smc, brk, hlt
    /// imm = imm16 (UDF #imm16: permanently undefined).
    case udf
    /// rd = Rt, sys = register encoding.
    case mrs, msr
    /// sys = op1/op2 of the PSTATE field (SPSel, DAIFSet, DAIFClr, ...), imm = CRm.
    case msrImm
    /// imm = CRm:op2 (0 NOP, 1 YIELD, 2 WFE, 3 WFI, 4 SEV, 5 SEVL, others act as NOP).
    case hint
    /// imm = CRm (the barrier option). SB has imm = 0.
    case clrex, dsb, dmb, isb, sb
    /// SYS (TLBI, DC, IC, AT): rd = Rt, sys = op1/CRn/CRm/op2 with op0 = 1.
    case sys

    // MARK: Data processing, register
    /// sf, rd (ZR), rn (ZR), rm, shift = Shift (not ROR), amount.
    case addShift, addsShift, subShift, subsShift
    /// sf, rd (SP for non-S), rn (SP), rm, shift = Extend, amount = 0...4.
    case addExt, addsExt, subExt, subsExt
    /// sf, rd, rn, rm, shift = Shift, amount.
    case andShift, bicShift, orrShift, ornShift, eorShift, eonShift, andsShift, bicsShift
    /// sf, rd, rn, rm.
    case lslv, lsrv, asrv, rorv, udiv, sdiv
    /// sf, rd, rn, rm, ra.
    case madd, msub
    /// sf, rd, rn, rm, cond.
    case csel, csinc, csinv, csneg

    // MARK: Loads and stores
    /// size, rd = Rt, rn (SP) = base, mode, imm = byte offset (or PC-relative for .literal),
    /// for .register: rm, shift = Extend (UXTW/LSL(UXTX)/SXTW/SXTX), imms = S, amount = applied shift.
    /// LDR with size 0/1/2 writes a W register (sf = false), size 3 an X register (sf = true).
    case ldr, str
    /// Sign-extending loads LDRSB/LDRSH/LDRSW: size 0/1/2, sf = target is X (LDRSW is always X).
    case ldrs
    /// sf (X pair when true, W pair when false), rd = Rt, ra = Rt2, rn (SP), mode = .offset/.pre/.post,
    /// imm = byte offset.
    case ldp, stp

    // MARK: ARMv8.0 integer additions (carry, conditional compare, one source, long and high
    // multiplies, CRC32, more loads and stores, exclusives and acquire/release)
    /// sf, rd, rn, rm: Rd = Rn + Rm + C (ADC), Rn + NOT(Rm) + C (SBC); the S forms set NZCV.
    /// NGC/NGCS are SBC/SBCS with Rn = ZR.
    case adc, adcs, sbc, sbcs
    /// sf, rn, cond, imms = NZCV when the condition fails; Reg: rm; Imm: imm = imm5 (0...31).
    case ccmnReg, ccmpReg, ccmnImm, ccmpImm
    /// sf, rd, rn. REV32 is X only; REV reverses the bytes of the whole register (REV64 is its
    /// assembler alias for X).
    case rbit, rev16, rev32, rev, clz, cls
    /// rd (X), rn (W), rm (W), ra (X): Xd = Xa +/- Wn * Wm (SMULL, SMNEGL, UMULL, UMNEGL with Ra = ZR).
    case smaddl, smsubl, umaddl, umsubl
    /// rd, rn, rm (X): the high 64 bits of the 128-bit product. `ra` holds the Ra field, which
    /// objdump and QEMU ignore (the architecture wants 11111), so that the word re-encodes.
    case smulh, umulh
    /// rd (W), rn (W), rm (W; X for the X forms; sf = true for those). CRC-32 (polynomial
    /// 0x04C11DB7) and CRC-32C (0x1EDC6F41), bit-reflected, as the Arm ARM defines them.
    case crc32b, crc32h, crc32w, crc32x, crc32cb, crc32ch, crc32cw, crc32cx
    /// LDPSW: like LDP with 4-byte elements sign-extended into X registers (sf = true).
    case ldpsw
    /// LDNP/STNP: LDP/STP with a non-temporal hint (mode .offset only); executed as LDP/STP.
    case ldnp, stnp
    /// PRFM/PRFUM: rd = the prefetch operation (prfop, 0...31); addressing as LDR of an X
    /// register (size 3; modes .offset, .unscaled (PRFUM), .register, .literal). No effect.
    case prfm
    /// Load/store exclusive, one register: size (element), sf (X when size 3), rd = Rt, rn (SP),
    /// rm = Rs (the status register of the stores; a raw field the loads ignore), ra = the Rt2
    /// field (ignored by objdump and QEMU; kept so that the word re-encodes).
    case ldxr, ldaxr, stxr, stlxr
    /// Load/store exclusive pair: size = 2 (W pair, sf = false) or 3 (X pair, sf = true), rd = Rt,
    /// ra = Rt2, rn (SP), rm = Rs (status of the stores; ignored by the loads).
    case ldxp, ldaxp, stxp, stlxp
    /// Load-acquire / store-release register: size, sf (X when size 3), rd = Rt, rn (SP); rm and
    /// ra hold the Rs and Rt2 fields (see `DecodeTable` for the values objdump accepts).
    case ldar, stlr

    // MARK: The SIMD&FP register file: loads, stores, FMOV (what hypervisors save and restore)
    /// LDR/STR (and LDUR/STUR) of a B, H, S, D or Q register: size = log2 of the bytes (0...4),
    /// rd = Vt, rn (SP) = base, mode (.offset, .unscaled, .pre, .post, .register, .literal
    /// (LDR of S/D/Q only)), imm and the register-offset fields as for `ldr`. A load writes the
    /// whole 128-bit register (the bits above the access are zeroed). sf is false.
    case ldrV, strV
    /// LDP/STP, LDNP/STNP of S, D or Q registers: size = 2...4, rd = Vt, ra = Vt2, rn (SP),
    /// mode (.offset, .pre, .post; LDNP/STNP .offset only), imm = byte offset.
    case ldpV, stpV, ldnpV, stnpV
    /// FMOV between a general and a SIMD&FP register, bits unchanged: size 2 (W and S), 3 (X and
    /// D); imm = 1 for the top half of a 128-bit register (X and V.D[1]). `fmovToV`: rd = Vd,
    /// rn = Rn (ZR); a write to S or D zeroes the rest of the register, to V.D[1] keeps the
    /// bottom half. `fmovFromV`: rd = Rd (ZR), rn = Vn.
    case fmovToV, fmovFromV

    /// A word the Cortex-A57 executes that SuspendScope does not model (FP data processing,
    /// AdvSIMD, SIMD structure loads and stores, crypto): `imm` holds the word. Executing it
    /// stops the run ("not modelled by SuspendScope"), unless CPTR_EL2.TFP traps it first.
    case notModelled
}

/// Addressing modes of loads and stores.
public enum AddressingMode: UInt8, Sendable {
    case none
    /// [Xn, #imm] — unsigned scaled 12-bit offset (LDR/STR), or signed scaled 7-bit offset (LDP/STP).
    case offset
    /// [Xn, #imm] — unscaled signed 9-bit offset (LDUR/STUR).
    case unscaled
    /// [Xn, #imm]! — pre-index with write-back.
    case pre
    /// [Xn], #imm — post-index with write-back.
    case post
    /// [Xn, Xm/Wm{, extend {#amount}}].
    case register
    /// PC-relative literal: imm is the byte offset from the instruction.
    case literal
    /// [Xn, #imm] — unscaled signed 9-bit offset, unprivileged (LDTR/STTR family). At EL2 with
    /// HCR_EL2.E2H = 0 these access memory as the plain loads and stores do.
    case unprivileged
}

/// Shift types of shifted-register operands.
public enum Shift: UInt8, Sendable {
    case lsl = 0, lsr = 1, asr = 2, ror = 3
}

/// Extend types of extended-register operands (the `option` field).
public enum Extend: UInt8, Sendable {
    case uxtb = 0, uxth = 1, uxtw = 2, uxtx = 3, sxtb = 4, sxth = 5, sxtw = 6, sxtx = 7
}

/// Condition codes.
public enum Condition: UInt8, Sendable, CaseIterable {
    case eq = 0, ne, hs, lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
}
