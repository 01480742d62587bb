#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A device in the physical address map (a UART, later). Offsets are from the region base;
/// `size` is 1, 2, 4 or 8 bytes. Returning nil from `read` or false from `write` makes the
/// access a synchronous external abort.
public protocol MMIOHandler: AnyObject {
    func read(offset: UInt64, size: Int) -> UInt64?
    func write(offset: UInt64, size: Int, value: UInt64) -> Bool
}

/// One region of the physical address map.
public final class MemoryRegion {
    public enum Kind { case ram, mmio }
    public let name: String
    public let base: UInt64
    public let size: UInt64
    public let kind: Kind
    /// RAM backing: anonymous mmap, so untouched pages cost nothing and read as zero.
    let bytes: UnsafeMutableRawPointer?
    /// One flag per 4 KiB page of RAM: some instruction on it is in the decoded-page cache.
    let decodedFlags: UnsafeMutablePointer<UInt8>?
    public let handler: MMIOHandler?

    init(ram name: String, base: UInt64, size: UInt64) {
        precondition(base & 0xfff == 0 && size & 0xfff == 0 && size > 0, "RAM regions are whole 4 KiB pages")
        self.name = name; self.base = base; self.size = size; self.kind = .ram; self.handler = nil
        let p = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        precondition(p != MAP_FAILED && p != nil, "mmap of \(size) bytes failed")
        bytes = p!
        decodedFlags = .allocate(capacity: Int(size >> 12))
        decodedFlags!.initialize(repeating: 0, count: Int(size >> 12))
    }

    init(mmio name: String, base: UInt64, size: UInt64, handler: MMIOHandler) {
        self.name = name; self.base = base; self.size = size; self.kind = .mmio; self.handler = handler
        bytes = nil; decodedFlags = nil
    }

    deinit {
        if let bytes { munmap(bytes, Int(size)) }
        decodedFlags?.deallocate()
    }

    @inline(__always) func contains(_ pa: UInt64, _ count: Int) -> Bool {
        // size >= count first: otherwise size - count wraps and a small region "contains" a
        // large block (found loading a 68 KiB image with a 4 KiB UART region mapped).
        size >= UInt64(count) && pa >= base && pa &- base <= size &- UInt64(count)
    }
}

/// Sparse, byte-addressed, little-endian physical memory: a list of regions; addresses in no
/// region are unmapped and accesses to them abort (as QEMU's virt machine reports: synchronous
/// external abort, DFSC/IFSC 0x10).
public final class Memory {
    public private(set) var regions: [MemoryRegion] = []
    /// The region that served the last access: the fast path.
    @usableFromInline var last: MemoryRegion?

    public init() {}

    /// QEMU virt's default map for a bare program: RAM at 0x4000_0000, 128 MiB (QEMU's default -m).
    public static func virtDefault() -> Memory {
        let m = Memory()
        m.addRAM(name: "ram", base: 0x4000_0000, size: 128 << 20)
        return m
    }

    public func addRAM(name: String, base: UInt64, size: UInt64) {
        add(MemoryRegion(ram: name, base: base, size: size))
    }

    public func addMMIO(name: String, base: UInt64, size: UInt64, handler: MMIOHandler) {
        add(MemoryRegion(mmio: name, base: base, size: size, handler: handler))
    }

    private func add(_ r: MemoryRegion) {
        precondition(!regions.contains { $0.base < r.base &+ r.size && r.base < $0.base &+ $0.size }, "overlapping region \(r.name)")
        regions.append(r)
        regions.sort { $0.base < $1.base }
    }

    /// The region holding all of [pa, pa+count), if any.
    @inline(__always) func region(_ pa: UInt64, _ count: Int) -> MemoryRegion? {
        if let l = last, l.contains(pa, count) { return l }
        for r in regions where r.contains(pa, count) { last = r; return r }
        return nil
    }

    /// Reads `count` (1...8) bytes of RAM, little-endian; nil if not all RAM.
    public func readRAM(_ pa: UInt64, _ count: Int) -> UInt64? {
        guard let r = region(pa, count), let b = r.bytes else { return nil }
        return Self.load(b + Int(pa &- r.base), count)
    }

    @inline(__always) static func load(_ p: UnsafeMutableRawPointer, _ count: Int) -> UInt64 {
        switch count {
        case 1: return UInt64(p.load(as: UInt8.self))
        case 2: return UInt64(UInt16(littleEndian: p.loadUnaligned(as: UInt16.self)))
        case 4: return UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
        case 8: return UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        default:
            var v: UInt64 = 0
            for i in 0..<count { v |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
            return v
        }
    }

    @inline(__always) static func store(_ p: UnsafeMutableRawPointer, _ count: Int, _ v: UInt64) {
        switch count {
        case 1: p.storeBytes(of: UInt8(truncatingIfNeeded: v), as: UInt8.self)
        case 2: p.storeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian, as: UInt16.self)
        case 4: p.storeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian, as: UInt32.self)
        case 8: p.storeBytes(of: v.littleEndian, as: UInt64.self)
        default:
            for i in 0..<count { p.storeBytes(of: UInt8(truncatingIfNeeded: v >> UInt64(8 * i)), toByteOffset: i, as: UInt8.self) }
        }
    }

    /// Copies bytes into RAM (loading a program). Returns false if any byte is not RAM.
    /// Callers that load code into a running machine must use `Machine.load(_:at:)`, which
    /// also drops decoded instructions.
    @discardableResult
    public func writeBytes(_ data: [UInt8], at pa: UInt64) -> Bool {
        guard data.isEmpty || region(pa, data.count)?.bytes != nil else { return false }
        guard let r = region(pa, max(data.count, 1)), let b = r.bytes else { return data.isEmpty }
        data.withUnsafeBytes { src in (b + Int(pa &- r.base)).copyMemory(from: src.baseAddress!, byteCount: data.count) }
        return true
    }

    /// Reads bytes of RAM (nil if any byte is not RAM).
    public func readBytes(at pa: UInt64, count: Int) -> [UInt8]? {
        guard count > 0 else { return [] }
        guard let r = region(pa, count), let b = r.bytes else { return nil }
        return [UInt8](UnsafeRawBufferPointer(start: b + Int(pa &- r.base), count: count))
    }
}
