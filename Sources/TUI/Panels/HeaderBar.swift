import Platform

/// The top row: the scenario's name and title and the start of its description, so a bug
/// reproduction says on screen what it is about, and what `check` found (`!` lists it).
public struct HeaderBar {
    public init() {}

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let m = state.run.built.manifest
        frame.fill(x: region.x, y: region.y, width: region.width, height: 1, role: .heading)
        var right = ""
        if let n = state.findingCount { right = n == 0 ? " check: clean " : " ! \(n) finding\(n == 1 ? "" : "s") (press !) " }
        let rightWidth = Frame.columns(right)
        let left = Region(x: region.x, y: region.y, width: max(0, region.width - rightWidth), height: 1)
        var col = frame.writeMarked(" " + m.name, in: left, row: 0, role: .heading).col
        if m.title != m.name { col = frame.writeMarked(" — " + m.title, in: left, row: 0, col: col, role: .heading).col }
        let description = state.cache.flattened(m.description)
        if !description.isEmpty { col = frame.writeMarked(" · " + description, in: left, row: 0, col: col, role: .muted).col }
        if !right.isEmpty {
            frame.write(right, in: region, row: 0, col: region.width - rightWidth, role: state.findingCount == 0 ? .boundary : .error)
        }
    }
}
