import Machine
import Platform

/// The phases of the path, the boundaries passed with their steps, where we are, the step
/// count, MMU on/off, the exception level and the address space the PC is in.
public struct TimelinePanel: ScrollablePanel {
    public var title: String { "timeline" }
    public var keyHelp: [PanelKeys] { [scrollKeyHelp] }
    public var focused = false
    /// The first boundary line shown (the phase and state lines stay).
    public var scroll = 0
    public init(focused: Bool = false, scroll: Int = 0) { self.focused = focused; self.scroll = scroll }

    /// One line per boundary, under the phase and state lines.
    public func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int) {
        (BoundaryName.allCases.count, max(0, region.height - 3))
    }

    /// running -> saving -> PSCI -> powered off -> warm boot -> MMU on -> restoring -> resumed
    public static let phases = ["running", "saving", "PSCI", "powered off", "warm boot", "MMU on", "restoring", "resumed"]

    /// Per boundary: " name" padded to its column, and its line while not passed yet.
    static let lines: [(BoundaryName, CellText, CellText)] = BoundaryName.allCases.map {
        ($0, CellText(" " + pad($0.rawValue, 17)), CellText("· " + pad($0.rawValue, 17) + $0.meaning))
    }
    static let phaseTexts = phases.map(CellText.init)

    /// The phase the path is in, from the boundaries passed.
    public static func phase(_ d: BoundaryDetector) -> Int {
        if d.has(.resumeReturn) { return 7 }
        if d.has(.restore) { return 6 }
        if d.has(.mmuOn) { return 5 }
        if d.has(.warmBoot) { return 4 }
        if d.has(.powerOff) { return 3 }
        if d.has(.psciCall) { return 2 }
        if d.has(.suspendEntry) { return 1 }
        return 0
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let run = state.run
        let m = run.board.machine
        let body = titled(&frame, region, focused: focused) { frame, col, role in
            frame.writeDecimal(run.board.stepCount, in: region, row: 0, col: frame.write(literal: " · step ", in: region, row: 0, col: col, role: role), role: role)
        }
        let current = Self.phase(run.detector)
        var col = 0
        for (i, p) in Self.phaseTexts.enumerated() {
            let role: StyleRole = i == current ? .pcLine : i < current ? .normal : .muted
            col = frame.write(p, in: body, row: 0, col: col, role: role)
            if i < Self.phases.count - 1 { col = frame.write(literal: " → ", in: body, row: 0, col: col, role: .muted) }
        }
        if col >= body.width { frame.markCut(in: body, row: 0) }
        // "EL2h  MMU on  pc in virtual space  core on"
        col = frame.write(literal: "EL2", in: body, row: 1)
        col = frame.write(literal: m.spsel == 1 ? "h" : "t", in: body, row: 1, col: col)
        col = frame.write(literal: m.mmuEnabled ? "  MMU on  pc in virtual space  core " : "  MMU off  pc in physical space  core ", in: body, row: 1, col: col)
        switch run.board.power {
        case .on: frame.write(literal: "on", in: body, row: 1, col: col)
        case .suspended: frame.write(literal: "suspended", in: body, row: 1, col: col)
        case .off: frame.write(literal: "off", in: body, row: 1, col: col)
        }
        let top = scrollWindow(&frame, state, region: region)
        var row = 2
        for (b, name, pending) in Self.lines.dropFirst(top) where row < body.height {
            if let p = run.detector.boundary(b) {
                let here = p.step == run.board.stepCount
                let role: StyleRole = here ? .pcLine : .boundary
                var col = frame.write(scalar: here ? "▶" : "✓", in: body, row: row, role: role)
                col = frame.write(name, in: body, row: row, col: col, role: role)
                var step = ByteLine("step ")
                step.append(decimal: p.step)
                step.pad(to: 11)
                col = frame.write(step, in: body, row: row, col: col, role: role)
                frame.writeMarked(state.cache.place(run, run.linkAddress(of: p.pc)), in: body, row: row, col: col, role: role)
            } else {
                frame.writeMarked(pending, in: body, row: row, role: .muted)
            }
            row += 1
        }
    }
}
