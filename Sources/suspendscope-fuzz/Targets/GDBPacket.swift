import GDBRemote

/// Fuzz target `gdbpacket`: bytes as they arrive on a gdb remote connection, framed by the
/// packet parser (`$...#cs`, `}` escapes, `*` run-length, acks, 0x03), then each packet's
/// payload read as a request (`g`, `m`, `M`, `X`, `Z`, `vCont`, `qXfer`, `qRcmd`, ...).
/// seeds: Fuzz/Seeds/gdbpacket/*
/// max_len: 8192
@_cdecl("suspendscope_fuzz_gdbpacket")
public func fuzzGDBPacket(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    for event in PacketParser.parse(FuzzInput.bytes(data, size), maxPayload: 4096) {
        if case .packet(let payload) = event { _ = try? Request.parse(payload) }
    }
    return 0
}
