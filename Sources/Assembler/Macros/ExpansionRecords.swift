extension Assembly {
    /// Where the line map puts bytes the current statement emits at `offset` of the current
    /// section: the outermost macro use when it came out of a macro, else `location`. The
    /// expansion is recorded for `LineMap.expansion(at:)` (`offset` nil: only the location).
    func mapped(_ location: SourceLocation, at offset: Int?) -> SourceLocation {
        guard let st = current_, let frame = st.expansion else { return location }
        if let offset {
            let index: Int
            if let r = recordOfStatement, r.serial == statementSerial {
                index = r.index
            } else {
                index = expansionRecords.count
                expansionRecords.append(LineMap.Expansion(frames: frame.publicFrames, body: st.location,
                                                          text: printable(st.line.text)))
                recordOfStatement = (statementSerial, index)
            }
            current.expansionAt[offset] = index
        }
        var f: ExpansionFrame? = frame
        while let x = f {
            if case .macro = x.kind { return st.mappedLocation }
            f = x.parent
        }
        return location
    }
}
