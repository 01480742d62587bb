import A64
import Assembler
import Machine
import Testing

/// Stores into a page whose instructions are already decoded must be seen at the next fetch of
/// the words they overwrote, without re-decoding the page on every store (data often sits
/// beside code), and undo must bring the old instruction back.
@Suite("decoded-page cache and stores")
struct SelfModifyingCodeTests {
    func load(_ source: String) throws -> (Machine, Program) {
        let program = try Assembler.assemble(source: source)
        let m = Machine(entry: program.entry)
        #expect(m.load(program.image, at: program.base))
        return (m, program)
    }

    @Test("a store patching a later instruction on the same page changes what runs")
    func patchLaterInstruction() throws {
        let (m, p) = try load("""
        _start:
            ldr     w1, patch          // the word of `mov x0, #2`
            adr     x2, target
            mov     x0, #0
            str     w1, [x2]           // overwrite `mov x0, #1` (already decoded) with `mov x0, #2`
        target:
            mov     x0, #1
        done:
            b       .
        patch:
            mov     x0, #2
        """)
        let r = m.run(maxSteps: 100)
        #expect(r.reason == .halted(try #require(p.symbols.address(of: "done"))))
        #expect(m.x(0) == 2)
    }

    @Test("step() reports the patched instruction, not a placeholder, in its effects")
    func stepReportsPatchedInstruction() throws {
        let (m, p) = try load("""
        _start:
            ldr     w1, patch
            adr     x2, target
            mov     x0, #0
            str     w1, [x2]
        target:
            mov     x0, #1
            b       .
        patch:
            mov     x0, #2
        """)
        let target = try #require(p.symbols.address(of: "target"))
        for _ in 0..<4 { _ = m.step() }
        #expect(m.pc == target)
        let e = m.step()
        #expect(e.instruction.op == .movz)
        #expect(e.instruction.imm == 2)
        #expect(Disassembler.text(e.instruction, at: target) == "mov x0, #0x2")
    }

    @Test("a store over the instruction that is executing completes, and the new word runs next time")
    func storeOverExecutingInstruction() throws {
        let (m, _) = try load("""
        _start:
            adr     x2, here
            ldr     w1, patch
            mov     x3, #0
            mov     x4, #0
        here:
            str     w1, [x2]           // first pass: overwrites itself with `add x3, x3, #5`
            add     x4, x4, #1
            cmp     x4, #2
            b.ne    here               // second pass runs the patched word
            b       .
        patch:
            add     x3, x3, #5
        """)
        let r = m.run(maxSteps: 200)
        guard case .halted = r.reason else { Issue.record("did not halt: \(r)"); return }
        #expect(m.x(4) == 2)
        #expect(m.x(3) == 5, "the patched word ran after the store completed")
    }

    @Test("undo of a store into code restores the old instruction for the next fetch")
    func undoRestoresInstruction() throws {
        let (m, p) = try load("""
        _start:
            ldr     w1, patch
            adr     x2, target
            str     w1, [x2]
            mov     x0, #0
        target:
            mov     x0, #1
            b       .
        patch:
            mov     x0, #2
        """)
        let target = try #require(p.symbols.address(of: "target"))
        _ = m.step(); _ = m.step()
        let store = m.step()
        #expect(store.memoryWrite?.address == target)
        m.undo(store)
        // Skip the store: run from the instruction after it with the original code in place.
        m.pc = target - 4
        _ = m.step(); _ = m.step()
        #expect(m.x(0) == 1, "the original `mov x0, #1` is back")
    }
}
