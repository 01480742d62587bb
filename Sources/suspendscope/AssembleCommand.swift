import ArgumentParser
import Foundation
import Platform
import SafeIO

/// `suspendscope assemble FILE.S -o OUT.bin [--base ADDR]`: a raw image byte-identical to
/// GNU as + `ld -Ttext=ADDR` + `objcopy -O binary`.
struct AssembleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assemble",
        abstract: "Assemble a GNU as source into a raw image (as + ld -Ttext=BASE + objcopy -O binary).")

    @Argument(help: "The assembly source (.S or .s).")
    var source: String

    @Option(name: .shortAndLong, help: "The output image.")
    var output: String

    @Option(help: "Load address of .text (default 0x40080000).")
    var base: AddressArgument?

    func run() throws {
        let program = try ProgramLoader.assemble(path: source, base: base?.value ?? ProgramLoader.defaultBase)
        do {
            try AtomicFile.write(program.image, to: output)
        } catch let e as ProgramLoadError {
            throw e
        } catch {
            throw CLIFailure.badInput("\(error)")
        }
    }
}
