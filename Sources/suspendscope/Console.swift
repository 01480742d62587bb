import Foundation
import SafeIO

// Everything the executable writes to the terminal goes through these two functions, and so
// through the one escaping rule (`TerminalText`): control characters from files, arguments or
// the emulated program are shown as `\x1b`, never sent raw. (Within this module `print` of a
// string means the function below.)

/// Writes `text` and `terminator` to standard output, control characters escaped (newlines
/// and tabs kept).
func print(_ text: String = "", terminator: String = "\n") {
    Swift.print(TerminalText.escaped(text, keepingNewlines: true), terminator: terminator)
}

/// Writes `text` and a newline to standard error, control characters escaped.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(text, keepingNewlines: true) + "\n").utf8))
}
