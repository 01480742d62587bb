import Foundation
import Platform
import Testing

/// The one TOML reader (manifests, themes, tours) is bounded whatever the text: nesting, dotted
/// keys and size have limits named in the message, and large tables read in linear time.
@Suite struct TOMLBoundsTests {
    func error(_ text: String) -> String? {
        do { _ = try TOML.parse(text, file: "t.toml"); return nil } catch { return "\(error)" }
    }

    @Test func deepNestingIsRefusedByName() {
        #expect(error("a = " + String(repeating: "[", count: 100_000))?.contains("nested more than \(TOML.maxNesting) deep") == true)
        #expect(error("a = " + String(repeating: "{b = ", count: 100_000))?.contains("nested more than \(TOML.maxNesting) deep") == true)
        #expect(error(Array(repeating: "a", count: 100_000).joined(separator: ".") + " = 1")?.contains("more than \(TOML.maxKeyParts) parts") == true)
        #expect(error("[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]")?.contains("more than \(TOML.maxKeyParts) parts") == true)
        #expect(error("a = " + String(repeating: "[", count: TOML.maxNesting - 1) + "1" + String(repeating: "]", count: TOML.maxNesting - 1)) == nil)
    }

    @Test func sizeIsBounded() {
        let big = String(repeating: "# padding\n", count: TOML.maxBytes / 10 + 1)
        #expect(error(big)?.contains("more than the 4 MiB a TOML file may have") == true)
    }

    /// Each key once copied its whole table (quadratic: 50,000 keys took minutes); tables are
    /// now changed in place.
    @Test(.timeLimit(.minutes(1))) func manyKeysAndTablesReadInLinearTime() throws {
        var text = "[t]\n"
        for i in 0..<50_000 { text += "k\(i) = \(i)\n" }
        for _ in 0..<20_000 { text += "[[s]]\nx = 1\n" }
        let t = try TOML.parse(text, file: "t.toml")
        guard case .table(let sub)? = t["t"]?.kind, case .array(let items)? = t["s"]?.kind else { Issue.record("shape"); return }
        #expect(sub.keys.count == 50_000)
        #expect(items.count == 20_000)
        #expect(sub.keyLocation("k7") == TOMLLocation(file: "t.toml", line: 9, column: 1))
    }

    /// 2^63 written in decimal is out of range (it was read as -2^63); in hex it is a bit pattern.
    @Test func decimalIntegersBeyond64BitsAreOutOfRange() throws {
        #expect(error("step = 9223372036854775808")?.contains("t.toml:1:8: error: integer out of range") == true)
        #expect(try TOML.parse("v = 0x8000000000000000", file: "t.toml")["v"]?.kind == .integer(Int64.min))
        #expect(try TOML.parse("v = -9223372036854775808", file: "t.toml")["v"]?.kind == .integer(Int64.min))
    }

    /// An escaped NUL stays in the string (it was cut off there).
    @Test func anEscapedNulIsKept() throws {
        let t = try TOML.parse("a = \"x\\u0000y\"\n", file: "t.toml")
        #expect(t["a"]?.kind == .string("x\u{0}y"))
    }
}
