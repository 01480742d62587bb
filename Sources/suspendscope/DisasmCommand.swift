import A64
import ArgumentParser
import Assembler
import Foundation
import Platform

/// `suspendscope disasm FILE.bin|FILE.S [--base ADDR]`: objdump-style listing.
struct DisasmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disasm",
        abstract: "Disassemble a raw image or an assembly source, objdump style.",
        discussion: """
            For a .S source the listing carries its labels, marks data words as data and names the
            source line of each instruction; a raw image is disassembled word by word.
            """)

    @Argument(help: "A raw image (.bin), or assembly sources (.S/.s) linked in this order.")
    var files: [String]

    @Option(help: "Address of the first byte (default 0x40080000).")
    var base: AddressArgument?

    @OptionGroup var preprocessor: PreprocessorOptions

    func validate() throws {
        if files.count > 1 && !files.allSatisfy(ProgramLoader.isAssembly) {
            throw ValidationError("several files must all be assembly sources (.S/.s); a raw image is disassembled alone")
        }
    }

    func run() throws {
        let base = base?.value ?? ProgramLoader.defaultBase
        let file = files[0]
        if ProgramLoader.isAssembly(file) {
            let program = try ProgramLoader.assemble(paths: files, base: base, preprocessor: preprocessor.settings)
            AssemblerOutput.print(program.messages, printToStdout: false)
            print(Listing.text(program: program), terminator: "")
        } else {
            let data = try ProgramLoader.readFile(file)
            print(Listing.text(bytes: [UInt8](data), base: base), terminator: "")
        }
    }
}
