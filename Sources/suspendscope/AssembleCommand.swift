import ArgumentParser
import Foundation
import Platform

/// `suspendscope assemble FILE.S... -o OUT.bin [--base ADDR] [-I DIR] [-include FILE] [-D NAME[=VALUE]]`:
/// a raw image byte-identical to GNU as on each file + `ld -Ttext=ADDR` + `objcopy -O binary`.
struct AssembleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assemble",
        abstract: "Assemble GNU as sources into a raw image (as + ld -Ttext=BASE + objcopy -O binary).",
        discussion: """
            Each source is preprocessed and assembled as its own unit, then the units are linked in
            the order given: labels are local to their file unless .globl. Warnings and .print
            output go to standard error and standard output.
            """)

    @Argument(help: "The assembly sources (.S or .s), linked in this order.")
    var sources: [String]

    @Option(name: .shortAndLong, help: "The output image.")
    var output: String

    @Option(help: "Load address of .text (default 0x40080000).")
    var base: AddressArgument?

    @OptionGroup var preprocessor: PreprocessorOptions

    func run() throws {
        let program = try ProgramLoader.assemble(paths: sources, base: base?.value ?? ProgramLoader.defaultBase,
                                                 preprocessor: preprocessor.settings)
        AssemblerOutput.print(program.messages)
        do {
            try ProgramLoader.writeAtomically(Data(program.image), to: output)
        } catch let e as ProgramLoadError {
            throw e
        } catch {
            throw CLIFailure.badInput("\(output): cannot write the image: \(error.localizedDescription)")
        }
    }
}
