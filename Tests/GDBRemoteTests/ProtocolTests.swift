import A64
import Debugger
import Foundation
import Platform
import Testing
@testable import GDBRemote

/// The protocol on the in-memory transport: every request a client makes, answered by the
/// engine, with no sockets or threads.
@Suite struct ProtocolTests {
    @Test func qSupportedOffersWhatGdbAndLldbNeed() throws {
        let c = InMemoryClient(target: try Fixtures.target())
        let r = c.reply("qSupported:multiprocess+;swbreak+;hwbreak+")
        for f in ["PacketSize=10000", "QStartNoAckMode+", "qXfer:features:read+", "qXfer:exec-file:read+", "qXfer:threads:read+", "swbreak+", "hwbreak+",
                  "vContSupported+", "ReverseStep+", "ReverseContinue+"] {
            #expect(r.split(separator: ";").contains(Substring(f)), "\(f) missing from \(r)")
        }
        #expect(c.reply("vCont?") == "vCont;c;C;s;S")
        #expect(c.reply("qC") == "QC1")
        #expect(c.reply("qfThreadInfo") == "m1")
        #expect(c.reply("qsThreadInfo") == "l")
        #expect(c.reply("qAttached") == "1")
        #expect(c.reply("Hg0") == "OK")
        #expect(c.reply("Hc-1") == "OK")
        #expect(c.reply("T1") == "OK")
        // Anything else: an empty reply ("not supported").
        #expect(c.reply("vMustReplyEmpty") == "")
        #expect(c.reply("qTStatus") == "")
        #expect(c.reply("jThreadsInfo") == "")
        #expect(c.reply("Z9,0,0") == "")
    }

    @Test func haltReasonAndRegistersAtTheEntry() throws {
        let c = try Fixtures.client()
        let built = try Fixtures.built("v9")
        let start = try #require(built.symbol("start"))
        let stop = try #require(StopReply(c.reply("?")))
        #expect(stop.signal == 5)
        #expect(stop.fields["thread"] == "1")
        // The PC is shown at its link address, though the image runs at its load address.
        #expect(stop.register(0x20) == start)
        let g = c.reply("g")
        #expect(g.count == (33 * 8 + 4) * 2)
        #expect(Hex.littleEndianValue(Hex.decode(Array(g.utf8)[(32 * 16)..<(33 * 16)])!) == start)
        // cpsr: EL2h, DAIF masked, Z set (QEMU's reset PSTATE).
        #expect(c.register(33) == 0x4000_03c9)
        // System registers from 34 on, in catalogue order.
        for (i, r) in SystemRegisterCatalogue.all.enumerated() {
            #expect(c.register(34 + i) == r.reset, "\(r.name)")
        }
        #expect(c.reply("p" + String(34 + SystemRegisterCatalogue.all.count, radix: 16)) == "E22")
    }

    @Test func registerWritesAreUserEditsThatGoingBackUndoes() throws {
        let c = try Fixtures.client()
        for _ in 0..<5 { #expect(StopReply(c.reply("s")) != nil) }
        let session = c.connection.target.session
        let before = try #require(c.register(19))
        #expect(c.reply("P13=0500000000000000") == "OK")
        #expect(c.register(19) == 5)
        #expect(session.edits.map(\.target) == ["$x19"])
        // A system register too (QEMU ignores such writes; here it is an edit).
        let vbar = 34 + SystemRegisterCatalogue.index(named: "VBAR_EL2")!
        #expect(c.reply("P\(String(vbar, radix: 16))=0008200000020000") == "OK")
        #expect(session.machine.systemRegister(named: "VBAR_EL2") == 0x20000200800)
        // Read-only registers refuse.
        let currentEL = 34 + SystemRegisterCatalogue.index(named: "CurrentEL")!
        #expect(c.reply("P\(String(currentEL, radix: 16))=0400000000000000") == "E22")
        let packets = c.request("bs")
        #expect(InMemoryClient.console(packets).contains("undid the user edit $x19 = 0x5"))
        #expect(c.register(19) == before)
        #expect(session.edits.isEmpty)
        #expect(session.machine.systemRegister(named: "VBAR_EL2") == 0)
    }

    @Test func writingThePCTakesTheLinkAddressWhileTheMMUIsOff() throws {
        let c = try Fixtures.client()
        let built = try Fixtures.built("v9")
        let target = try #require(built.symbol("check_cpu_mode"))
        #expect(c.reply("P20=" + String(decoding: Hex.littleEndian(target, bytes: 8), as: UTF8.self)) == "OK")
        #expect(c.connection.target.session.machine.pc == built.physical(target))
        #expect(c.register(32) == target)
    }

    @Test func memoryGoesThroughTheMMUAndUnmappedAddressesAnswerE14() throws {
        let c = try Fixtures.client()
        let session = c.connection.target.session
        let ctx = try #require(session.built.symbol("resume_cpu_context"))
        // Run until the context holds something (its sp slot is written at step ~547).
        _ = c.request("Z2,\(hexAddress(ctx + 96)),8")
        _ = c.request("c")
        _ = c.request("z2,\(hexAddress(ctx + 96)),8")
        _ = c.request("s")
        let m = c.reply("m\(hexAddress(ctx)),b0")
        #expect(Hex.decode(Array(m.utf8)) == (try session.readMemory(virtual: ctx, count: 0xb0)))
        #expect(session.machine.mmuEnabled)
        #expect(c.reply("m0,8") == "E14")
        #expect(c.reply("m8000000000000000,4") == "E14")
        #expect(c.reply("M0,1:00") == "E14")
        // A read that runs into unmapped memory returns what it could read.
        let end = try #require(session.physicalAddress(of: ctx))
        _ = end
        // Writes are user edits: hex (M) and binary (X, with the reserved bytes escaped).
        #expect(c.reply("M\(hexAddress(ctx)),4:01020304") == "OK")
        #expect(c.reply("m\(hexAddress(ctx)),4") == "01020304")
        let binary: [UInt8] = [0x24, 0x23, 0x7d, 0x2a, 0x00, 0xff]
        let x = c.request(Array("X\(hexAddress(ctx + 8)),6:".utf8) + binary)
        #expect(x.last.map { String(decoding: $0, as: UTF8.self) } == "OK")
        #expect(c.reply("m\(hexAddress(ctx + 8)),6") == String(decoding: Hex.encode(binary), as: UTF8.self))
        // lldb's binary read.
        let xr = c.request(Array("x\(hexAddress(ctx + 8)),6".utf8)).last ?? []
        #expect(xr == [UInt8(ascii: "b")] + binary)
        #expect(session.edits.count == 2)
        // Lengths are checked against the data.
        #expect(c.reply("M\(hexAddress(ctx)),4:0102") == "E22")
    }

    @Test func breakpointsStopAcrossThePowerDownAndReportSwbreak() throws {
        let c = try Fixtures.client()
        let built = try Fixtures.built("v9")
        let hyp = try #require(built.symbol("hyp_resume"))
        #expect(c.reply("Z0,\(hexAddress(hyp)),4") == "OK")
        let packets = c.request("c")
        let stop = try #require(StopReply(packets.last!))
        #expect(stop.signal == 5)
        #expect(stop.fields["swbreak"] == "")
        #expect(stop.register(0x20) == hyp)
        // The core runs hyp_resume at its physical address (the MMU is off after the warm boot).
        #expect(c.connection.target.session.machine.pc == built.physical(hyp))
        let console = InMemoryClient.console(packets)
        for b in ["psci-call", "power-off", "warm-boot"] { #expect(console.contains("boundary \(b) at step")) }
        // Unknown values read as their poison value; monitor says which are unknown.
        let vbar = try #require(c.register(34 + SystemRegisterCatalogue.index(named: "VBAR_EL2")!))
        #expect(vbar == c.connection.target.session.machine.systemRegister(named: "VBAR_EL2"))
        #expect(c.monitor("info unknown").contains("VBAR_EL2"))
        // Removing it: the next continue runs to the end.
        #expect(c.reply("z0,\(hexAddress(hyp)),4") == "OK")
        let end = c.request("c")
        #expect(InMemoryClient.console(end).contains("halted: b ."))
        #expect(c.connection.target.session.breakpoints.isEmpty)
    }

    @Test func reverseContinueStopsAtBreakpointsAndReportsTheStartOfHistory() throws {
        let c = try Fixtures.client()
        let built = try Fixtures.built("v9")
        let smc = try #require(Fixtures.smc(in: built, after: "call_psci_system_suspend"))
        let hyp = try #require(built.symbol("hyp_resume"))
        _ = c.request("Z0,\(hexAddress(hyp)),4")
        _ = c.request("c")
        let atWarmBoot = c.reply("g")
        _ = c.request("z0,\(hexAddress(hyp)),4")
        _ = c.request("Z0,\(hexAddress(smc)),4")
        let back = c.request("bc")
        let stop = try #require(StopReply(back.last!))
        #expect(stop.register(0x20) == smc)
        #expect(stop.fields["swbreak"] == "")
        #expect(InMemoryClient.console(back).contains("back before boundary power-off"))
        _ = c.request("z0,\(hexAddress(smc)),4")
        // Forward again to the same state: the same registers.
        _ = c.request("Z0,\(hexAddress(hyp)),4")
        _ = c.request("c")
        #expect(c.reply("g") == atWarmBoot)
        _ = c.request("z0,\(hexAddress(hyp)),4")
        let start = try #require(StopReply(c.request("bc").last!))
        #expect(start.fields["replaylog"] == "begin")
        #expect(c.connection.target.session.step == 0)
        // At the start a reverse step says so too.
        #expect(StopReply(c.reply("bs"))?.fields["replaylog"] == "begin")
    }

    @Test func writeWatchpointsStopBeforeTheStoreInBothDirections() throws {
        let c = try Fixtures.client()
        let session = c.connection.target.session
        let sp = try #require(session.built.symbol("resume_cpu_context")) + 96
        #expect(c.reply("Z2,\(hexAddress(sp)),8") == "OK")
        let stop = try #require(StopReply(c.reply("c")))
        #expect(stop.fields["watch"] == hexAddress(sp))
        // Before the store: the PC is at it and the memory is unchanged.
        #expect(session.run.text(atPhysicalOrVirtual: session.machine.pc).hasPrefix("str"))
        #expect(c.reply("m\(hexAddress(sp)),8") == "0000000000000000")
        let storeStep = session.step
        // gdb then steps over it with the watchpoint removed, and sees the new value.
        _ = c.request("z2,\(hexAddress(sp)),8")
        _ = c.request("s")
        #expect(c.reply("m\(hexAddress(sp)),8") != "0000000000000000")
        // Further on, going back, the stop is after the store (the client steps back over it).
        _ = c.request("s"); _ = c.request("s")
        _ = c.request("Z2,\(hexAddress(sp)),8")
        let back = try #require(StopReply(c.reply("bc")))
        #expect(back.fields["watch"] == hexAddress(sp))
        #expect(session.step == storeStep + 1)
        _ = c.request("z2,\(hexAddress(sp)),8")
        _ = c.request("bs")
        #expect(c.reply("m\(hexAddress(sp)),8") == "0000000000000000")
        #expect(session.step == storeStep)
    }

    @Test func readAndAccessWatchpointsSeeLoads() throws {
        let c = try Fixtures.client()
        let session = c.connection.target.session
        let sp = try #require(session.built.symbol("resume_cpu_context")) + 96
        #expect(c.reply("Z3,\(hexAddress(sp)),8") == "OK")
        let stop = try #require(StopReply(c.reply("c")))
        #expect(stop.fields["rwatch"] == hexAddress(sp))
        // The restore's load, after the warm boot.
        #expect(session.run.detector.has(.warmBoot))
        #expect(session.run.text(atPhysicalOrVirtual: session.machine.pc).hasPrefix("ldr"))
        _ = c.request("z3,\(hexAddress(sp)),8")
        _ = c.request("Z4,\(hexAddress(sp)),8")
        let access = try #require(StopReply(c.reply("bc")))
        #expect(access.fields["awatch"] == hexAddress(sp))
        #expect(!session.run.detector.has(.warmBoot))
        // Watchpoints must be RAM.
        #expect(c.reply("Z2,0,8") == "E14")
    }

    @Test func monitorRunsTheCommandLanguage() throws {
        let c = try Fixtures.client()
        let moved = c.monitor("until power-off")
        #expect(moved.contains("boundary power-off at step"))
        #expect(moved.contains("flushregs"))
        #expect(c.connection.target.session.run.detector.has(.powerOff))
        #expect(c.monitor("boundaries").contains("power-off\tstep"))
        #expect(c.monitor("info context").contains("struct resume_cpu_context"))
        let check = c.monitor("check")
        #expect(check.contains("check v9: 1 finding"))
        #expect(check.contains("CNTHCTL_EL2 was 0x3 before suspend"))
        #expect(c.monitor("check now").contains("check takes no argument"))
        #expect(c.monitor("frobnicate").contains("error: column 1: unknown command 'frobnicate'"))
        #expect(c.monitor("help").contains("monitor until power-off"))
        // A stop at a boundary breakpoint set with monitor is reported on the console.
        let c2 = try Fixtures.client()
        _ = c2.monitor("break warm-boot")
        let packets = c2.request("c")
        #expect(InMemoryClient.console(packets).contains("Breakpoint 1, warm-boot"))
        #expect(StopReply(packets.last!)?.signal == 5)
    }

    @Test func theClientsCtrlCStopsALongContinue() throws {
        let target = try Fixtures.target()
        target.runSlice = 50
        let c = InMemoryClient(target: target)
        c.connection.requestInterrupt()
        let packets = c.request("c")
        let stop = try #require(StopReply(packets.last!))
        #expect(stop.signal == 2)
        #expect(target.session.step == 50)
        #expect(InMemoryClient.console(packets).contains("interrupted at step 50"))
        // The interrupt is spent: the next continue runs on.
        #expect(StopReply(c.reply("c"))?.signal == 5)
        #expect(target.session.step > 50)
        // A 0x03 while stopped changes nothing.
        c.sendRaw([0x03])
        #expect(!c.connection.interruptFlag.isSet)
    }

    @Test func transfersTheTargetDescriptionAndTheExecFileInChunks() throws {
        let c = try Fixtures.client()
        var xml = ""
        var offset = 0
        while true {
            let r = c.reply("qXfer:features:read:target.xml:\(String(offset, radix: 16)),100")
            #expect(r.hasPrefix("m") || r.hasPrefix("l"))
            xml += r.dropFirst()
            offset += r.count - 1
            if r.hasPrefix("l") { break }
        }
        #expect(xml == TargetDescription.xml)
        #expect(c.reply("qXfer:features:read:other.xml:0,100") == "E00")
        #expect(c.reply("qXfer:exec-file:read::0,1000") == "l/nonexistent/v9.elf")
        #expect(c.reply("qXfer:exec-file:read:1:0,1000") == "l/nonexistent/v9.elf")
        #expect(c.reply("qXfer:auxv:read::0,1000") == "")
        // The thread list in one packet (gdb's update after each stop command), in pieces when asked.
        let threads = c.reply("qXfer:threads:read::0,fff")
        #expect(threads.hasPrefix("l<?xml") && threads.contains("<thread id=\"1\" core=\"0\"/>"))
        let first = c.reply("qXfer:threads:read::0,10")
        #expect(first == "m" + threads.dropFirst().prefix(16))
        #expect(c.reply("qXfer:threads:read::\(String(threads.count - 1, radix: 16)),10") == "l")
    }

    @Test func lldbsPackets() throws {
        let c = InMemoryClient(target: try Fixtures.target())
        #expect(c.reply("QStartNoAckMode") == "OK")
        #expect(c.connection.noAckMode)
        #expect(c.reply("QThreadSuffixSupported") == "OK")
        #expect(c.reply("QListThreadsInStopReply") == "OK")
        #expect(c.reply("qHostInfo").contains("triple:" + String(decoding: Hex.encode(Array("aarch64-unknown-none-elf".utf8)), as: UTF8.self)))
        #expect(c.reply("qProcessInfo").contains("pid:1;"))
        #expect(c.reply("qRegisterInfo0").hasPrefix("name:x0;bitsize:64;offset:0;"))
        #expect(c.reply("qRegisterInfo20").hasPrefix("name:pc;bitsize:64;offset:256;"))
        #expect(c.reply("qRegisterInfo22").hasPrefix("name:VBAR_EL2;bitsize:64;offset:268;"))
        #expect(c.reply("qRegisterInfo" + String(RegisterMap.count, radix: 16)) == "E45")
        #expect(c.reply("p20;thread:1;") == c.reply("p20"))
        #expect(c.reply("qWatchpointSupportInfo:") == "num:16;")
        let stop = try #require(StopReply(c.reply("vCont;s:1")))
        #expect(stop.fields["threads"] == "1")
        #expect(stop.fields["thread-pcs"] != nil)
    }

    @Test func vContStepsAndContinues() throws {
        let c = try Fixtures.client()
        let session = c.connection.target.session
        _ = c.reply("vCont;s:1")
        #expect(session.step == 1)
        _ = c.reply("vCont;s:p1.1;c")
        #expect(session.step == 2)
        _ = c.reply("vCont;c")
        #expect(session.step > 2)
        #expect(c.reply("vCont;q") == "E22")
        #expect(c.reply("vCont;s:2") == "E22")
        // Empty actions are malformed (a fuzzer found that `vCont;:;1cs` trapped the parser).
        for bad in ["vCont;", "vCont;;c", "vCont;:", "vCont;:;1cs", "vCont;:1"] {
            #expect(c.reply(bad) == "E22", "\(bad)")
        }
        #expect(session.step > 2)
        // s with an address resumes there.
        let c2 = try Fixtures.client()
        let target = try #require(try Fixtures.built("v9").symbol("check_cpu_mode"))
        let stop = try #require(StopReply(c2.reply("s\(hexAddress(target))")))
        #expect(stop.register(0x20) == target + 4)
    }

    @Test func ackModeResendsOnNackAndNoAckModeStopsAcking() throws {
        let c = try Fixtures.client()
        c.acknowledges = false
        let first = c.sendRaw(PacketEncoder.frame(Array("qC".utf8)))
        #expect(first == [.ack, .packet(Array("QC1".utf8))])
        // '-': the reply again.
        #expect(c.sendRaw([UInt8(ascii: "-")]) == [.packet(Array("QC1".utf8))])
        #expect(c.sendRaw([UInt8(ascii: "+")]) == [])
        // A bad checksum is answered with '-' and nothing else.
        #expect(c.sendRaw(Array("$qC#00".utf8)) == [.nack])
        c.acknowledges = true
        #expect(c.reply("QStartNoAckMode") == "OK")
        #expect(c.sendRaw(PacketEncoder.frame(Array("qC".utf8))) == [.packet(Array("QC1".utf8))])
        #expect(c.sendRaw(Array("$qC#00".utf8)) == [])
    }

    @Test func detachKeepsTheSessionForTheNextClient() throws {
        let target = try Fixtures.target()
        let c = InMemoryClient(target: target)
        let hyp = try #require(try Fixtures.built("v9").symbol("hyp_resume"))
        _ = c.request("Z0,\(hexAddress(hyp)),4")
        _ = c.request("c")
        let step = target.session.step
        #expect(c.reply("D") == "OK")
        #expect(c.connection.isFinished)
        // Its breakpoints go; the state stays.
        #expect(target.session.breakpoints.isEmpty)
        let next = InMemoryClient(target: target)
        let stop = try #require(StopReply(next.reply("?")))
        #expect(stop.register(0x20) == hyp)
        #expect(stop.fields["replaylog"] == nil)
        #expect(target.session.step == step)
        // A client that vanishes (no D) is cleaned up the same way.
        _ = next.request("Z0,\(hexAddress(hyp + 4)),4")
        next.connection.disconnected()
        #expect(target.session.breakpoints.isEmpty)
        #expect(next.sendRaw(PacketEncoder.frame(Array("?".utf8))) == [])
    }
}
