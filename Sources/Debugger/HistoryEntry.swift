import Machine
import Platform

/// A user intervention: `set $x19 = 5` at a step. Kept for sessions and undone by reverse
/// execution past it.
public struct UserEdit: Equatable, Sendable {
    /// The step (board step count) at which the edit was made.
    public var step: Int
    /// What was set: "$x19", "$VBAR_EL2", "$HCR_EL2.RW", or a memory lvalue as typed.
    public var target: String
    public var value: UInt64
}

/// What the debugger needs to undo one thing it did: a board step, or a user edit (the whole
/// machine and unknown-tracker state before it, plus the memory bytes it replaced).
enum HistoryEntry {
    case step(BoardStep)
    case edit(EditRecord)
}

struct EditRecord {
    var edit: UserEdit
    var machineBefore: Machine.Snapshot
    var unknownBefore: UnknownSnapshot
    var memoryBefore: (physical: UInt64, bytes: [UInt8])?
}
