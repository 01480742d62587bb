import Assembler

/// Xen's arm64 image layout (`xen/arch/arm/xen.lds.S` with `xen/include/xen/xen.lds.h`, without
/// CONFIG_CC_SPLIT_SECTIONS), as SuspendScope links a tree by it: linked at XEN_VIRT_START with
/// `_start` there; `.text` opens with the idmap sections (`.text.header`, `.text.idmap`,
/// `.rodata.idmap`, `.data.idmap`), which must fit in the first 4 KiB page, the only one mapped
/// 1:1 when the MMU goes on; page-aligned `.rodata` and `.data`; the init sections; `.bss` with
/// the stack first; `_end` page aligned. The symbols are the script's (`_stext`, `_idmap_end`,
/// `__bss_start`, ...).
enum XenLayout {
    static let pageSize: UInt64 = 4096
    /// SMP_CACHE_BYTES on arm (1 << CONFIG_ARM_L1_CACHE_SHIFT).
    static let cacheBytes: UInt64 = 128
    static let pointerAlign: UInt64 = 8

    static func script(stackSize: UInt64) -> LinkerScript {
        LinkerScript([
            .symbol("_start"),
            .section(.init(".text", fill: [0x90, 0x90], [
                .symbol("_stext"), .symbol("_idmap_start"),
                .inputs([".text.header"]), .inputs([".text.idmap"]), .inputs([".rodata.idmap"]), .inputs([".data.idmap"]),
                .symbol("_idmap_end"),
                .inputs([".text.cold"]), .inputs([".text.unlikely", ".text.*_unlikely", ".text.unlikely.*"]),
                .inputs([".text"]), .inputs([".gnu.warning"]),
                .symbol("_etext"),
            ])),
            .align(pageSize),
            .section(.init(".rodata", [
                .symbol("_srodata"),
                .symbol("__start_bug_frames_0"), .inputs([".bug_frames.0"]), .symbol("__stop_bug_frames_0"),
                .symbol("__start_bug_frames_1"), .inputs([".bug_frames.1"]), .symbol("__stop_bug_frames_1"),
                .symbol("__start_bug_frames_2"), .inputs([".bug_frames.2"]), .symbol("__stop_bug_frames_2"),
                .symbol("__start_bug_frames_3"), .inputs([".bug_frames.3"]), .symbol("__stop_bug_frames_3"),
                .inputs([".rodata"]), .inputs([".rodata.*"]), .inputs([".data.rel.ro"]), .inputs([".data.rel.ro.*"]),
                .align(4), .symbol("__proc_info_start"), .inputs([".proc.info"]), .symbol("__proc_info_end"),
            ])),
            .symbol("_erodata"),
            .align(pageSize),
            .section(.init(".data.ro_after_init", [
                .symbol("__ro_after_init_start"), .inputs([".data.ro_after_init"]), .align(pageSize), .symbol("__ro_after_init_end"),
            ])),
            .section(.init(".data.read_mostly", [.inputs([".data.read_mostly"])])),
            .align(cacheBytes),
            .section(.init(".data", [
                .inputs([".data.page_aligned"]),
                .align(pointerAlign), .symbol("__start_schedulers_array"), .inputs([".data.schedulers"]), .symbol("__end_schedulers_array"),
                .inputs([".data", ".data.*"]),
            ])),
            .align(8),
            .section(.init(".arch.info", [.symbol("_splatform"), .inputs([".arch.info"]), .symbol("_eplatform")])),
            .align(pointerAlign),
            .section(.init(".dev.info", [.symbol("_sdevice"), .inputs([".dev.info"]), .symbol("_edevice")])),
            .align(8),
            .section(.init(".teemediator.info", [.symbol("_steemediator"), .inputs([".teemediator.info"]), .symbol("_eteemediator")])),
            .align(pageSize),
            .symbol("__init_begin"),
            .section(.init(".init.text", [
                .symbol("_sinittext"), .inputs([".init.text"]), .symbol("_einittext"), .align(pageSize), .inputs([".altinstr_replacement"]),
            ])),
            .align(pageSize),
            .symbol("__init_data_begin"),
            .section(.init(".init.data", [
                .inputs([".init.rodata"]), .inputs([".init.rodata.*"]),
                .align(pointerAlign), .symbol("__setup_start"), .inputs([".init.setup"]), .symbol("__setup_end"),
                .symbol("__initcall_start"), .inputs([".initcallpresmp.init"]), .symbol("__presmp_initcall_end"),
                .inputs([".initcall1.init"]), .symbol("__initcall_end"),
                .align(4), .symbol("__alt_instructions"), .inputs([".altinstructions"]), .symbol("__alt_instructions_end"),
                .inputs([".init.data"]), .inputs([".init.data.rel"]), .inputs([".init.data.rel.*"]),
                .align(8), .symbol("__ctors_start"), .inputs([".ctors"]), .inputs([".init_array"]), .inputs([".init_array.*"]), .symbol("__ctors_end"),
            ])),
            .symbol("__init_end_efi"),
            .align(stackSize),
            .symbol("__init_end"),
            .section(.init(".bss", [
                .symbol("__bss_start"),
                .inputs([".bss.stack_aligned"]), .inputs([".bss.page_aligned"]),
                .align(pageSize), .symbol("__per_cpu_start"), .inputs([".bss.percpu.page_aligned"]), .inputs([".bss.percpu"]),
                .align(cacheBytes), .inputs([".bss.percpu.read_mostly"]), .align(cacheBytes), .symbol("__per_cpu_data_end"),
                .inputs([".bss", ".bss.*"]),
                .align(pointerAlign), .symbol("__bss_end"),
            ])),
            .align(pageSize),
            .symbol("_end"),
            .section(.init(".dtb", [.inputs([".dtb"])])),
        ])
    }
}
