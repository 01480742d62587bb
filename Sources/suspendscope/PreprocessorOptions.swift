import ArgumentParser
import Platform

/// `-I DIR`, `-include FILE`, `-D NAME[=VALUE]`: the C preprocessor settings Xen's build passes
/// to gcc for its `.S` files, for `assemble`, `disasm` and `run`.
struct PreprocessorOptions: ParsableArguments {
    @Option(name: .customLong("include", withSingleDash: true),
            help: ArgumentHelp("Process FILE before each source, as gcc -include does.", valueName: "FILE"))
    var preincludes: [String] = []

    @Option(name: .customShort("I", allowingJoined: true),
            help: ArgumentHelp("Search DIR for #include files (after the including file's directory for \"...\").", valueName: "DIR"))
    var includeDirectories: [String] = []

    @Option(name: .customShort("D", allowingJoined: true),
            help: ArgumentHelp("Define NAME as 1, or as VALUE, before each source.", valueName: "NAME[=VALUE]"))
    var defines: [String] = []

    var settings: PreprocessorSettings {
        PreprocessorSettings(includeDirectories: includeDirectories, preincludes: preincludes, defines: defines)
    }

    /// `-DNAME=VALUE` and `-IDIR` as two arguments, as cpp reads them (ArgumentParser would take
    /// `-DNAME=VALUE` for an option named `-DNAME`).
    static func splittingJoined(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var afterDashes = false
        for a in arguments {
            if a == "--" { afterDashes = true }
            if !afterDashes, a.count > 2, a.hasPrefix("-D") || a.hasPrefix("-I") {
                out.append(String(a.prefix(2)))
                out.append(String(a.dropFirst(2)))
            } else {
                out.append(a)
            }
        }
        return out
    }

    func validate() throws {
        for d in defines {
            let name = d.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let ident = name.prefix { $0 != "(" }
            guard let f = ident.first, f.isLetter || f == "_", ident.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ValidationError("-D \(d): expected NAME or NAME=VALUE with NAME a C identifier")
            }
        }
    }
}

import Assembler
import Foundation

/// What assembling said besides the program: warnings on standard error, `.print` text on
/// standard output (as GNU as does), both with control characters escaped.
enum AssemblerOutput {
    static func print(_ messages: [AssemblerMessage], printToStdout: Bool = true) {
        for m in messages {
            switch m.kind {
            case .warning:
                FileHandle.standardError.write(Data((m.description + "\n").utf8))
            case .print:
                if printToStdout { Swift.print(m.message) } else { FileHandle.standardError.write(Data((m.message + "\n").utf8)) }
            }
        }
    }
}
