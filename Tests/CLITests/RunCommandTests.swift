import Foundation
import Testing
import TestSupport

@Suite("suspendscope run")
struct RunCommandTests {
    let loop = """
        .text
        .global _start
    _start:
        mov     x0, #0
        ldr     x1, =5
        adr     x3, buffer
    1:  add     x0, x0, #3
        str     x0, [x3], #8
        subs    x1, x1, #1
        b.ne    1b
    done:
        mrs     x5, CurrentEL
        b       .
        .data
        .balign 16
    buffer: .skip 64
    """

    @Test("--json prints every SPEC §5 field, in order, on a normal run")
    func jsonHasEveryField() throws {
        let dir = try TemporaryDirectory()
        let path = try CLI.write(loop, as: "loop.S", in: dir)
        let r = try CLI.run(["run", path, "--json", "--dump", "buffer:48"])
        #expect(r.status == 0, "\(r.stderr)")
        let keys = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }
        #expect(keys == ["stopped", "steps", "pc", "el", "nzcv", "x", "sp", "sysregs", "unknown", "memory", "fault", "v"])
        let (_, json, _) = try CLI.runJSON([path, "--dump", "buffer:48"])
        #expect(json["stopped"] as? String == "halt")
        #expect(json["steps"] as? Int == 25)
        #expect(json["el"] as? Int == 2)
        let x = try #require(json["x"] as? [String])
        #expect(x.count == 31)
        #expect(CLI.hex(x[0]) == 15)
        #expect(CLI.hex(x[5]) == 0x8, "CurrentEL reads EL2")
        #expect(json["fault"] is NSNull)
        #expect((json["unknown"] as? [Any])?.isEmpty == true)
        let sysregs = try #require(json["sysregs"] as? [String: String])
        #expect(sysregs["MIDR_EL1"] == "0x411fd070")
        #expect(sysregs["VBAR_EL2"] == "0x0")
        let memory = try #require(json["memory"] as? [String: [String]])
        #expect(memory["buffer"] == ["0x3", "0x6", "0x9", "0xc", "0xf", "0x0"])
    }

    @Test("--until a label stops before it; an address works too")
    func untilLabelAndAddress() throws {
        let dir = try TemporaryDirectory()
        let path = try CLI.write(loop, as: "loop.S", in: dir)
        let (s, j, _) = try CLI.runJSON([path, "--until", "done"])
        #expect(s == 0)
        #expect(j["stopped"] as? String == "until")
        #expect(j["pc"] as? String == "0x4008001c")
        #expect(CLI.hex((j["x"] as? [String])?[5]) == 0, "the mrs at done has not run yet")
        let (_, j2, _) = try CLI.runJSON([path, "--until", "0x40080014", "--until", "done"])
        #expect(j2["pc"] as? String == "0x40080014")
        #expect(j2["steps"] as? Int == 5)
    }

    @Test("--max-steps stops a loop that is not `b .`")
    func maxSteps() throws {
        let dir = try TemporaryDirectory()
        let path = try CLI.write("_start: add x0, x0, #1\n b _start\n", as: "spin.S", in: dir)
        let (s, j, _) = try CLI.runJSON([path, "--max-steps", "1001"])
        #expect(s == 0)
        #expect(j["stopped"] as? String == "max-steps")
        #expect(j["steps"] as? Int == 1001)
        #expect(CLI.hex((j["x"] as? [String])?[0]) == 501)
    }

    @Test("an unhandled data abort is a fault: exit 1, ESR/FAR/ELR reported")
    func faultExitsOne() throws {
        let dir = try TemporaryDirectory()
        let path = try CLI.write("_start: mov x1, #0x1000\n ldr x0, [x1]\n b .\n", as: "abort.S", in: dir)
        let (s, j, _) = try CLI.runJSON([path])
        #expect(s == 1)
        #expect(j["stopped"] as? String == "fault")
        let f = try #require(j["fault"] as? [String: Any])
        #expect(f["kind"] as? String == "data-abort")
        #expect(f["ec"] as? String == "0x25")
        #expect(f["far"] as? String == "0x1000")
        #expect(f["elr"] as? String == "0x40080004")
        #expect(f["instruction"] as? String == "ldr x0, [x1]")
        #expect(j["sysregs"].flatMap { ($0 as? [String: String])?["FAR_EL2"] } == "0x1000")
    }

    @Test("an exception with a vector table in RAM runs the handler, as on hardware")
    func handledException() throws {
        let src = """
            .text
        _start:
            adr     x0, vectors
            msr     VBAR_EL2, x0
            isb
            brk     #0x42
            b       .
            .balign 2048
        vectors:
            .skip   0x200
            mrs     x10, ESR_EL2
            mrs     x11, ELR_EL2
            b       .
        """
        let dir = try TemporaryDirectory()
        let path = try CLI.write(src, as: "vec.S", in: dir)
        let (s, j, _) = try CLI.runJSON([path])
        #expect(s == 0)
        #expect(j["stopped"] as? String == "halt")
        let x = try #require(j["x"] as? [String])
        #expect(CLI.hex(x[10]) == 0xf200_0042, "ESR: EC=0x3C (BRK), IL=1, ISS=imm16")
        #expect(CLI.hex(x[11]) == 0x4008_000c, "ELR: the brk itself")
        #expect(j["pc"] as? String == "0x40080a08")
    }

    @Test("a handler that faults at its own first instruction is a fault, not a 10M-step spin")
    func recursiveFault() throws {
        let src = """
        _start:
            adr     x0, vectors
            msr     VBAR_EL2, x0
            udf     #1
            b       .
            .balign 2048
        vectors:
            .skip   4096                // zeros: every vector entry is itself UNDEFINED
        """
        let dir = try TemporaryDirectory()
        let path = try CLI.write(src, as: "recursive.S", in: dir)
        let (s, j, _) = try CLI.runJSON([path])
        #expect(s == 1)
        #expect(j["stopped"] as? String == "fault")
        #expect((j["steps"] as? Int ?? 0) < 10)
        let f = try #require(j["fault"] as? [String: Any])
        #expect(f["kind"] as? String == "undefined-instruction")
        #expect(f["elr"] as? String == f["vector"] as? String)
    }
}

@Suite("suspendscope run: instructions that are not modelled")
struct RunNotModelledTests {
    @Test("a word the A57 runs but SuspendScope does not model stops the run: stopped not-modelled, exit 1")
    func stopsAsNotModelled() throws {
        let dir = try TemporaryDirectory()
        let path = try CLI.write("_start: mov x9, #5\n fmov d1, x9\n .inst 0x1e622820\n b .\n", as: "fp.S", in: dir)
        let (s, j, _) = try CLI.runJSON([path])
        #expect(s == 1)
        #expect(j["stopped"] as? String == "not-modelled")
        #expect(j["steps"] as? Int == 2)
        #expect(j["pc"] as? String == "0x40080008")
        #expect(j["fault"] is NSNull)
        let nm = try #require(j["notModelled"] as? [String: Any])
        #expect(nm["instruction"] as? String == "fadd d0, d1, d2")
        #expect(nm["message"] as? String == "not modelled by SuspendScope: fadd d0, d1, d2")
        let v = try #require(j["v"] as? [String])
        #expect(v.count == 32 && v[1] == "0x5")
        let r = try CLI.run(["run", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("at 0x40080008: not modelled by SuspendScope: fadd d0, d1, d2"), "\(r.stderr)")
    }
}
