/// What a cell means, not how it looks: themes map roles to colours and attributes, so the
/// same frame renders in any theme (and as plain text in snapshot tests).
public enum StyleRole: String, CaseIterable, Sendable {
    case normal
    case panelTitle = "panel-title"
    case focus
    case pcLine = "pc-line"
    /// Changed by the last step.
    case changed
    /// Changed since the last boundary, but not by the last step.
    case changedEarlier = "changed-earlier"
    case unknown
    case breakpoint
    case boundary
    case muted
    case error
    case mismatch
    case heading
}
