import Platform

/// The handlers of the commands that move the program, forward and back.
extension CommandInterpreter {
    func stepCommand(_ a: CommandInvocation) throws -> String {
        let n = try count(a.argument, a.argumentColumn)
        return describe(session.forward(count: n))
    }

    func nextCommand(_ a: CommandInvocation) throws -> String {
        try next(try count(a.argument, a.argumentColumn))
    }

    func finishCommand(_ a: CommandInvocation) throws -> String {
        try noArgument(a.word, a.argument, a.argumentColumn)
        var depth = 0
        return describe(session.forward(done: { s in
            Self.callDepthChange(s, &depth)
            return depth < 0
        }))
    }

    func continueCommand(_ a: CommandInvocation) throws -> String {
        try noArgument(a.word, a.argument, a.argumentColumn)
        return describe(session.forward())
    }

    func untilCommand(_ a: CommandInvocation) throws -> String {
        guard !a.argument.isEmpty else {
            throw CommandError(column: a.argumentColumn, "\(a.word) needs a target: a boundary, label, address (*ADDR) or file:line")
        }
        let (loc, _) = try resolveLocation(a.argument, a.argumentColumn)
        var addresses: [UInt64] = []
        if case .addresses(let list) = loc { addresses = list.flatMap(session.physicalForms) }
        return describe(session.forward(stopAddresses: addresses, isTarget: { $0.isAt(loc) }))
    }

    func reverseStepCommand(_ a: CommandInvocation) throws -> String {
        let n = try count(a.argument, a.argumentColumn)
        return describe(session.backward(count: n))
    }

    func reverseNextCommand(_ a: CommandInvocation) throws -> String {
        let n = try count(a.argument, a.argumentColumn)
        var out: [String] = []
        for _ in 0..<n {
            let stop = reverseNextOne()
            out.append(describe(stop))
            if stop.reason != .done { break }
        }
        return out.joined(separator: "\n")
    }

    func reverseFinishCommand(_ a: CommandInvocation) throws -> String {
        try noArgument(a.word, a.argument, a.argumentColumn)
        var depth = 0
        return describe(session.backward(done: { s in
            guard let e = s.effects, e.exception == nil else { return false }
            switch e.instruction.op {
            case .ret: depth += 1
            case .bl, .blr:
                if depth == 0 { return true }
                depth -= 1
            default: break
            }
            return false
        }))
    }

    func reverseContinueCommand(_ a: CommandInvocation) throws -> String {
        try noArgument(a.word, a.argument, a.argumentColumn)
        return describe(session.backward())
    }

    // MARK: Breakpoints

    func deleteCommand(_ a: CommandInvocation) throws -> String {
        let ids = try idList(a.argument, a.argumentColumn, allowEmpty: true)
        let gone = session.delete(ids)
        return gone.isEmpty ? "no breakpoints or watchpoints" : "deleted \(gone.map(String.init).joined(separator: ", "))"
    }

    func enableCommand(_ a: CommandInvocation, _ on: Bool) throws -> String {
        let ids = try idList(a.argument, a.argumentColumn, allowEmpty: true)
        session.setEnabled(ids, on)
        return ""
    }

    func conditionCommand(_ a: CommandInvocation) throws -> String {
        let arg = a.argument
        let w = Self.words(Substring(arg), from: a.argumentColumn)
        guard let first = w.first else {
            throw CommandError(column: a.argumentColumn, "condition needs a breakpoint number and an expression (or none to remove it)")
        }
        let id = try breakpointID(first)
        let condText = String(arg.dropFirst(first.text.count)).trimmingCharacters(in: " \t")
        if condText.isEmpty { session.setCondition(id, text: nil, nil); return "breakpoint \(id) is now unconditional" }
        let condCol = a.argumentColumn + arg.count - condText.count
        let e = try checkedCondition(condText, condCol)
        session.setCondition(id, text: condText, e)
        return ""
    }

    func ignoreCommand(_ a: CommandInvocation) throws -> String {
        let w = Self.words(Substring(a.argument), from: a.argumentColumn)
        guard w.count == 2 else { throw CommandError(column: a.argumentColumn, "ignore needs a breakpoint number and a count: ignore 1 3") }
        let id = try breakpointID(w[0])
        guard let n = Int(w[1].text), n >= 0 else { throw CommandError(column: w[1].column, "expected a count >= 0, not '\(w[1].text)'") }
        session.setIgnoreCount(id, n)
        return "will ignore the next \(n) hits of breakpoint \(id)"
    }
}
