import Testing
@testable import GDBRemote

@Suite struct PacketTests {
    @Test func framesAndChecksums() {
        #expect(PacketEncoder.frame(Array("OK".utf8)) == Array("$OK#9a".utf8))
    }
}
