/// The view state a session keeps for the TUI: which panel has focus, what is selected, how far
/// each panel is scrolled, and the theme. The TUI fills these in; the engine only keeps them.
public struct SessionView: Equatable, Sendable {
    public var focusedPanel = "source"
    /// Panel name -> selected item (a register, a field, a breakpoint number).
    public var selections: [String: String] = [:]
    /// Panel name -> first visible line.
    public var scroll: [String: Int] = [:]
    public var theme = "default"
    public init() {}
}

/// A free-text note or bookmark at a step.
public struct SessionNote: Equatable, Sendable {
    public var step: Int
    public var text: String
    public init(step: Int, text: String) { self.step = step; self.text = text }
}
