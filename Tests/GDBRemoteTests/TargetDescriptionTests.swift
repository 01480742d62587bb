import A64
import Conformance
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import GDBRemote

/// The target description: gdb's AArch64 core feature and every catalogued system register,
/// named as QEMU's gdbstub names them.
@Suite struct TargetDescriptionTests {
    /// The registers of the XML as (feature, name, regnum, bitsize, group).
    func registers() throws -> [(feature: String, name: String, regnum: Int, bitsize: Int, group: String?)] {
        final class Collector: NSObject, XMLParserDelegate {
            var feature = ""
            var regs: [(String, String, Int, Int, String?)] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "feature" { feature = attributes["name"] ?? "" }
                if name == "reg" {
                    regs.append((feature, attributes["name"] ?? "", Int(attributes["regnum"] ?? "") ?? -1,
                                 Int(attributes["bitsize"] ?? "") ?? -1, attributes["group"]))
                }
            }
        }
        let parser = XMLParser(data: Data(TargetDescription.xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "the target description is not well-formed XML: \(String(describing: parser.parserError))")
        return collector.regs.map { (feature: $0.0, name: $0.1, regnum: $0.2, bitsize: $0.3, group: $0.4) }
    }

    @Test func osABIIsNoneForTheBareEL2Core() {
        // Not gdb's configured default (GNU/Linux on Debian), whose signal-trampoline sniffer reads
        // memory around the PC at every stop.
        #expect(TargetDescription.xml.contains("<architecture>aarch64</architecture>\n  <osabi>none</osabi>\n"))
    }

    @Test func coreFeatureIsGdbsAArch64Core() throws {
        let core = try registers().filter { $0.feature == "org.gnu.gdb.aarch64.core" }
        #expect(core.map(\.name) == (0...30).map { "x\($0)" } + ["sp", "pc", "cpsr"])
        #expect(core.map(\.regnum) == Array(0...33))
        #expect(core.map(\.bitsize) == Array(repeating: 64, count: 33) + [32])
    }

    @Test func everyCatalogueRegisterIsInTheSystemFeature() throws {
        let sys = try registers().filter { $0.feature == TargetDescription.systemFeature }
        #expect(sys.count == SystemRegisterCatalogue.all.count)
        for (i, r) in SystemRegisterCatalogue.all.enumerated() {
            #expect(sys[i].name == RegisterMap.qemuName(r.name))
            #expect(sys[i].regnum == 34 + i)
            #expect(sys[i].bitsize == 64)
            #expect(sys[i].group == "system")
            #expect(RegisterMap.register(named: sys[i].name) == .system(i))
            #expect(RegisterMap.register(named: r.name) == .system(i))
        }
    }

    /// QEMU's own description (read through gdb from `qemu-system-aarch64 -S -gdb`) names each
    /// register it exposes exactly as we do.
    @Test(.enabled(if: ExternalTool.qemu.shouldRun && ExternalTool.gdb.shouldRun && ExternalTool.binutils.shouldRun,
                   Comment(rawValue: ExternalTool.qemu.skipReason + "; " + ExternalTool.gdb.skipReason + "; " + ExternalTool.binutils.skipReason)))
    func namesMatchQEMUsGdbstub() throws {
        let build = try GNUToolchain.build(source: ".global _start\n_start: b .\n", entry: "_start")
        let qemu = try QEMUInstance(elf: build.elf)
        defer { qemu.stop() }
        let out = try TimedProcess.run("gdb-multiarch", ["-nx", "-batch", "-ex", "set architecture aarch64",
                                                         "-ex", "set tcp connect-timeout 20",
                                                         "-ex", "target remote 127.0.0.1:\(qemu.port)",
                                                         "-ex", "maint print xml-tdesc", "-ex", "kill"], timeout: 60)
        let qemuNames = Set(out.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: "<reg name=\"") else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        })
        #expect(qemuNames.count > 100, "no description from QEMU: \(out.stderr)")
        var compared = 0
        for r in SystemRegisterCatalogue.all {
            let ours = RegisterMap.qemuName(r.name)
            // Every register QEMU exposes under some spelling must be spelled as QEMU does
            // (FPSR/FPCR it exposes twice: `fpsr` in gdb's FP feature, `FPSR` among the sysregs).
            if qemuNames.contains(ours) {
                compared += 1
            } else if let theirs = qemuNames.first(where: { $0.uppercased() == ours.uppercased() }) {
                #expect(theirs == ours)
                compared += 1
            }
        }
        #expect(compared >= 20)
    }
}
