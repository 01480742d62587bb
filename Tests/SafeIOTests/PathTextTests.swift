import Foundation
import SafeIO
import Testing

/// Paths split as NSString splits them, without its trap on a one-character name (`trace t`
/// ended the debugger with an illegal instruction inside Foundation).
@Suite struct PathTextTests {
    @Test func folderAndNameAgreeWithNSStringWhereItWorks() {
        for path in ["ab", "out.jsonl", "a/b", "a/b/c", "/a", "/ab", "/", "", "a/b/", "a//b", "//a", "./x", "../x/y", "/tmp/s/v9.json"] {
            #expect(PathText.folder(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
            #expect(PathText.name(of: path) == (path as NSString).lastPathComponent, "\(path)")
        }
    }

    @Test func aOneCharacterNameHasNoFolder() {
        #expect(PathText.folder(of: "a") == "")
        #expect(PathText.name(of: "a") == "a")
        #expect(PathText.folder(of: "a/") == "")
        #expect(PathText.folder(of: "x/a") == "x")
        #expect(PathText.join("", "a") == "a")
        #expect(PathText.join("x", "a") == "x/a")
        #expect(PathText.join("/", "a") == "/a")
    }
}
