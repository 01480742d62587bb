import A64
import Machine

let codeBase: UInt64 = 0x4008_0000
let dataBase: UInt64 = 0x4010_0000

/// A machine running `program` at `codeBase`. Until the a64 decoder is merged, each word in
/// memory is a tag 0xE000_0000 | index and the injected decoder maps it back to the instruction.
func machine(_ program: [Instruction], base: UInt64 = codeBase) -> Machine {
    let m = Machine(entry: base)
    let table = program
    m.decode = { w in
        let i = Int(w & 0x0fff_ffff)
        return (w & 0xf000_0000) == 0xe000_0000 && i < table.count ? table[i] : Instruction(op: .undefined, imm: Int64(w))
    }
    m.load(words: (0..<program.count).map { 0xE000_0000 | UInt32($0) }, at: base)
    return m
}

/// Runs `program` one step per instruction (count steps), with registers preset.
@discardableResult
func exec(_ program: [Instruction], x: [Int: UInt64] = [:], steps: Int? = nil, setup: (Machine) -> Void = { _ in }) -> Machine {
    let m = machine(program)
    for (k, v) in x { m.setX(k, v) }
    setup(m)
    for _ in 0..<(steps ?? program.count) { _ = m.step() }
    return m
}

// Short constructors.
func addi(_ rd: UInt8, _ rn: UInt8, _ imm: Int64, sf: Bool = true, shift12: Bool = false) -> Instruction {
    Instruction(op: .addImm, sf: sf, rd: rd, rn: rn, imm: imm, amount: shift12 ? 12 : 0)
}
func subi(_ rd: UInt8, _ rn: UInt8, _ imm: Int64, sf: Bool = true) -> Instruction { Instruction(op: .subImm, sf: sf, rd: rd, rn: rn, imm: imm) }
func addsi(_ rd: UInt8, _ rn: UInt8, _ imm: Int64, sf: Bool = true) -> Instruction { Instruction(op: .addsImm, sf: sf, rd: rd, rn: rn, imm: imm) }
func subsi(_ rd: UInt8, _ rn: UInt8, _ imm: Int64, sf: Bool = true) -> Instruction { Instruction(op: .subsImm, sf: sf, rd: rd, rn: rn, imm: imm) }
func movz(_ rd: UInt8, _ imm: UInt16, hw: UInt8 = 0, sf: Bool = true) -> Instruction { Instruction(op: .movz, sf: sf, rd: rd, imm: Int64(imm), amount: hw * 16) }
func movk(_ rd: UInt8, _ imm: UInt16, hw: UInt8, sf: Bool = true) -> Instruction { Instruction(op: .movk, sf: sf, rd: rd, imm: Int64(imm), amount: hw * 16) }
func reg(_ op: Op, _ rd: UInt8, _ rn: UInt8, _ rm: UInt8, sf: Bool = true, shift: Shift = .lsl, amount: UInt8 = 0) -> Instruction {
    Instruction(op: op, sf: sf, rd: rd, rn: rn, rm: rm, shift: shift.rawValue, amount: amount)
}
func ext(_ op: Op, _ rd: UInt8, _ rn: UInt8, _ rm: UInt8, _ e: Extend, _ amount: UInt8 = 0, sf: Bool = true) -> Instruction {
    Instruction(op: op, sf: sf, rd: rd, rn: rn, rm: rm, shift: e.rawValue, amount: amount)
}
func bf(_ op: Op, _ rd: UInt8, _ rn: UInt8, immr: UInt8, imms: UInt8, sf: Bool = true) -> Instruction {
    Instruction(op: op, sf: sf, rd: rd, rn: rn, n: sf ? 1 : 0, immr: immr, imms: imms)
}
func csel(_ op: Op, _ rd: UInt8, _ rn: UInt8, _ rm: UInt8, _ c: Condition, sf: Bool = true) -> Instruction {
    Instruction(op: op, sf: sf, rd: rd, rn: rn, rm: rm, cond: c.rawValue)
}
func ldst(_ op: Op, _ rt: UInt8, _ rn: UInt8, _ imm: Int64 = 0, size: UInt8 = 3, mode: AddressingMode = .offset, sf: Bool? = nil) -> Instruction {
    Instruction(op: op, sf: sf ?? (size == 3), rd: rt, rn: rn, imm: imm, size: size, mode: mode)
}
func pair(_ op: Op, _ rt: UInt8, _ rt2: UInt8, _ rn: UInt8, _ imm: Int64, mode: AddressingMode = .offset, sf: Bool = true) -> Instruction {
    Instruction(op: op, sf: sf, rd: rt, rn: rn, ra: rt2, imm: imm, mode: mode)
}
func sysreg(_ name: String) -> UInt16 { SystemRegisterCatalogue.register(named: name)!.encoding.packed }
func mrs(_ rt: UInt8, _ name: String) -> Instruction { Instruction(op: .mrs, rd: rt, sys: sysreg(name)) }
func msr(_ name: String, _ rt: UInt8) -> Instruction { Instruction(op: .msr, rd: rt, sys: sysreg(name)) }
let nop = Instruction(op: .hint, imm: 0)
let selfLoop = Instruction(op: .b, imm: 0)
func ret() -> Instruction { Instruction(op: .ret, rn: 30) }

/// Flags as NZCV nibble.
func flags(_ m: Machine) -> UInt64 { m.nzcv >> 28 }
