#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The contents of every RAM page the program has touched, for a checkpoint. RAM is anonymous
/// memory: a page never touched is not resident and reads as zero, so the resident pages
/// (`mincore`) are all a checkpoint copies — a few dozen for a scenario, however large its RAM.
public struct MemoryImage: Sendable {
    /// Per RAM region (in `Memory.regions` order): page index -> the page's bytes.
    var pages: [[Int: [UInt8]]]

    /// Bytes the image holds.
    public var byteCount: Int { pages.reduce(0) { $0 + $1.count * 4096 } }
}

extension MemoryRegion {
    /// Indices of this RAM region's resident pages.
    func residentPages() -> [Int] {
        guard let bytes else { return [] }
        let n = Int(size >> 12)
        var vec = [UInt8](repeating: 0, count: n)
        #if canImport(Glibc)
        guard mincore(bytes, Int(size), &vec) == 0 else { return Array(0..<n) }
        #else
        guard vec.withUnsafeMutableBufferPointer({ p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: n) { mincore(bytes, Int(size), $0) }
        }) == 0 else { return Array(0..<n) }
        #endif
        return (0..<n).filter { vec[$0] & 1 != 0 }
    }
}

extension Memory {
    /// Copies every touched RAM page.
    public func image() -> MemoryImage {
        MemoryImage(pages: regions.map { r in
            guard let b = r.bytes else { return [:] }
            var out: [Int: [UInt8]] = [:]
            for p in r.residentPages() {
                out[p] = [UInt8](UnsafeRawBufferPointer(start: b + (p << 12), count: 4096))
            }
            return out
        })
    }

    /// Puts RAM back as `image` holds it: its pages copied in, every other touched page zeroed
    /// (it was untouched, so zero, when the image was taken).
    public func restore(_ image: MemoryImage) {
        guard image.pages.count == regions.count else { return }
        for (k, r) in regions.enumerated() {
            guard let b = r.bytes else { continue }
            let saved = image.pages[k]
            for p in r.residentPages() where saved[p] == nil {
                (b + (p << 12)).initializeMemory(as: UInt8.self, repeating: 0, count: 4096)
            }
            for (p, bytes) in saved {
                bytes.withUnsafeBytes { (b + (p << 12)).copyMemory(from: $0.baseAddress!, byteCount: 4096) }
            }
        }
    }
}

extension Machine {
    /// Everything a checkpoint needs of the machine: registers, system registers and RAM.
    public struct Checkpoint: Sendable {
        public var state: Snapshot
        public var ram: MemoryImage
    }

    public func checkpoint() -> Checkpoint { Checkpoint(state: snapshot(), ram: memory.image()) }

    /// Puts the machine back to `c` and drops every cache that depends on memory or
    /// translation (decoded instructions, TLB and fast paths).
    public func restore(_ c: Checkpoint) {
        memory.restore(c.ram)
        restore(c.state)
        invalidateDecodedPages()
        translationChanged()
    }
}
