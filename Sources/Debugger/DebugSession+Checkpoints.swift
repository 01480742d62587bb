import Machine
import Platform

/// The whole state of a session at one step: the run (machine, RAM pages, board, boundaries
/// and bookkeeping) and the user edits in effect.
struct SessionCheckpoint {
    /// nil for the state at step 0 with no edits: the scenario as built, made again when
    /// needed rather than kept.
    var run: ScenarioRun.Checkpoint?
    var step: Int
    var edits: [UserEdit]
    /// Taken right after a user edit (never thinned out: re-executing from an older one would
    /// have to make the edit again).
    var afterEdit: Bool
}

/// Checkpoints: the state at step 0, every `checkpointInterval` steps, and after each user
/// edit. The undo log takes single steps back; when the memory cap has dropped the records
/// older than the step wanted, reverse execution restores the nearest checkpoint before it and
/// runs forward again (the program is deterministic), refilling the log, so every step back to
/// step 0 stays reachable. When there are more than `maxCheckpoints`, every other periodic one
/// goes and the interval doubles.
extension DebugSession {
    public static let maxCheckpoints = 64
    /// The periodic interval stops doubling here (about 2^40 steps: far beyond any run).
    static let maxCheckpointInterval = 1 << 40

    /// Steps of the checkpoints kept, oldest first.
    public var checkpointSteps: [Int] { checkpoints.map(\.step) }

    /// Bytes the checkpoints hold (RAM pages and registers, approximately).
    public var checkpointBytes: Int { checkpoints.reduce(0) { $0 + ($1.run?.board.approximateBytes ?? 0) } }

    /// Takes a checkpoint of the current state now (the periodic ones come by themselves).
    public func takeCheckpoint(afterEdit: Bool = false) {
        checkpoints.removeAll { $0.step == step && !$0.afterEdit }
        let initial = step == 0 && edits.isEmpty && !afterEdit
        checkpoints.append(SessionCheckpoint(run: initial ? nil : run.checkpoint(), step: step, edits: edits, afterEdit: afterEdit))
        checkpoints.sort { $0.step < $1.step }
        if checkpoints.count > Self.maxCheckpoints {
            var keep: [SessionCheckpoint] = []
            var periodic = 0
            for c in checkpoints {
                if c.step == 0 || c.afterEdit { keep.append(c); continue }
                if periodic % 2 == 1 { keep.append(c) }
                periodic += 1
            }
            // Only thinning periodic checkpoints spaces them out; those kept for user edits
            // (bounded by `maxEdits`) do not make the interval grow.
            if keep.count < checkpoints.count { checkpointInterval = min(checkpointInterval * 2, Self.maxCheckpointInterval) }
            checkpoints = keep
        }
        nextCheckpointStep = step + checkpointInterval
    }

    /// Takes a periodic checkpoint when one is due.
    @inline(__always) func checkpointIfDue() {
        if step >= nextCheckpointStep { takeCheckpoint() }
    }

    /// Steps until the next periodic checkpoint (a recording run stops there).
    var stepsToCheckpoint: Int { max(1, nextCheckpointStep - step) }

    /// Rebuilds the history back to the newest checkpoint before the current step: restores it
    /// and runs forward again to here, keeping history. Edits made at the current step are not
    /// made again (going back passes them): they are returned, undone. Returns nil when there
    /// is no checkpoint before the current step.
    func refillFromCheckpoint() -> [UserEdit]? {
        let target = step
        guard target > 0, let c = checkpoints.last(where: { $0.step < target }) else { return nil }
        let undone = edits.filter { e in !c.edits.contains(e) }
        let noticesBefore = notices.count
        clearHistory()
        run.restore(c.run ?? ScenarioRun(built: built, policy: board.policy).checkpoint())
        edits = c.edits
        let before = contextAccesses.count
        contextAccesses.removeAll { $0.step > c.step }
        contextAccessRemovals += before - contextAccesses.count
        nextCheckpointStep = (checkpoints.first { $0.step > c.step }?.step ?? c.step + checkpointInterval)
        droppedSteps = c.step
        replay(to: target)
        // The refill's own drops are part of going back, not news.
        if notices.count > noticesBefore { notices.removeLast(notices.count - noticesBefore) }
        refreshWatchpoints()
        return undone
    }
}
