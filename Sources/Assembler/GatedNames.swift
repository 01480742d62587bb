import A64

/// Names GNU as 2.40 rejects at its default architecture (`armv8-a`, no extensions) with
/// "selected processor does not support ...": found by assembling every name objdump 2.40
/// prints. SuspendScope's assembler rejects them the same way until a later `.arch` or an
/// extension is selected (it does not track which extension each one needs).
enum GatedNames {
    /// SYS aliases beyond ARMv8.0 (TLBI by range or outer shareable, DC CVAP/CVADP, the MTE and
    /// prediction-restriction operations, AT S1E1RP/WP).
    static let systemInstructions: Set<String> = [
        "dc igvac", "dc igsw", "dc igdvac", "dc igdsw", "at s1e1rp", "at s1e1wp", "dc cgsw", "dc cgdsw", "dc cigsw",
        "dc cigdsw", "tlbi vmalle1os", "tlbi vae1os", "tlbi aside1os", "tlbi vaae1os", "tlbi vale1os", "tlbi vaale1os",
        "tlbi rvae1is", "tlbi rvaae1is", "tlbi rvale1is", "tlbi rvaale1is", "tlbi rvae1os", "tlbi rvaae1os",
        "tlbi rvale1os", "tlbi rvaale1os", "tlbi rvae1", "tlbi rvaae1", "tlbi rvale1", "tlbi rvaale1", "cfp rctx",
        "dvp rctx", "cpp rctx", "dc gva", "dc gzva", "dc cgvac", "dc cgdvac", "dc cvap", "dc cgvap", "dc cgdvap",
        "dc cvadp", "dc cgvadp", "dc cgdvadp", "dc cigvac", "dc cigdvac", "tlbi ripas2e1is", "tlbi ripas2le1is",
        "tlbi alle2os", "tlbi vae2os", "tlbi alle1os", "tlbi vale2os", "tlbi vmalls12e1os", "tlbi rvae2is",
        "tlbi rvale2is", "tlbi ipas2e1os", "tlbi ripas2e1", "tlbi ripas2e1os", "tlbi ipas2le1os", "tlbi ripas2le1",
        "tlbi ripas2le1os", "tlbi rvae2os", "tlbi rvale2os", "tlbi rvae2", "tlbi rvale2", "tlbi alle3os", "tlbi vae3os",
        "tlbi vale3os", "tlbi rvae3is", "tlbi rvale3is", "tlbi rvae3os", "tlbi rvale3os", "tlbi rvae3", "tlbi rvale3",
    ]

    /// System register names beyond ARMv8.0 (objdump's names, lower case).
    static let systemRegisters: Set<String> = [
        "mpuir_el1", "id_pfr2_el1", "id_aa64zfr0_el1", "id_aa64smfr0_el1", "rgsr_el1", "gcr_el1", "zcr_el1", "trfcr_el1",
        "smpri_el1", "smcr_el1", "apiakeylo_el1", "apiakeyhi_el1", "apibkeylo_el1", "apibkeyhi_el1", "apdakeylo_el1", "apdakeyhi_el1",
        "apdbkeylo_el1", "apdbkeyhi_el1", "apgakeylo_el1", "apgakeyhi_el1", "pan", "uao", "allint", "tfsr_el1",
        "tfsre0_el1", "prenr_el1", "prselr_el1", "prbar_el1", "prlar_el1", "prbar1_el1", "prlar1_el1", "prbar2_el1",
        "prlar2_el1", "prbar3_el1", "prlar3_el1", "prbar4_el1", "prlar4_el1", "prbar5_el1", "prlar5_el1", "prbar6_el1",
        "prlar6_el1", "prbar7_el1", "prlar7_el1", "prbar8_el1", "prlar8_el1", "prbar9_el1", "prlar9_el1", "prbar10_el1",
        "prlar10_el1", "prbar11_el1", "prlar11_el1", "prbar12_el1", "prlar12_el1", "prbar13_el1", "prlar13_el1", "prbar14_el1",
        "prlar14_el1", "prbar15_el1", "prlar15_el1", "pmscr_el1", "pmsnevfr_el1", "pmsicr_el1", "pmsirr_el1", "pmsfcr_el1",
        "pmsevfr_el1", "pmslatfr_el1", "pmsidr_el1", "pmblimitr_el1", "pmbptr_el1", "pmbsr_el1", "pmbidr_el1", "pmmir_el1",
        "lorsa_el1", "lorea_el1", "lorn_el1", "lorc_el1", "lorid_el1", "mpamsm_el1", "icc_nmiar1_el1", "scxtnum_el1",
        "ccsidr2_el1", "gmid_el1", "smidr_el1", "rndr", "rndrrs", "svcr", "dit", "ssbs",
        "tco", "tpidr2_el0", "scxtnum_el0", "amcr_el0", "amcfgr_el0", "amcgcr_el0", "amuserenr_el0", "amcntenclr0_el0",
        "amcntenset0_el0", "amcg1idr_el0", "amcntenclr1_el0", "amcntenset1_el0", "amevcntr00_el0", "amevcntr01_el0", "amevcntr02_el0", "amevcntr03_el0",
        "amevtyper00_el0", "amevtyper01_el0", "amevtyper02_el0", "amevtyper03_el0", "amevcntr10_el0", "amevcntr11_el0", "amevcntr12_el0", "amevcntr13_el0",
        "amevcntr14_el0", "amevcntr15_el0", "amevcntr16_el0", "amevcntr17_el0", "amevcntr18_el0", "amevcntr19_el0", "amevcntr110_el0", "amevcntr111_el0",
        "amevcntr112_el0", "amevcntr113_el0", "amevcntr114_el0", "amevcntr115_el0", "amevtyper10_el0", "amevtyper11_el0", "amevtyper12_el0", "amevtyper13_el0",
        "amevtyper14_el0", "amevtyper15_el0", "amevtyper16_el0", "amevtyper17_el0", "amevtyper18_el0", "amevtyper19_el0", "amevtyper110_el0", "amevtyper111_el0",
        "amevtyper112_el0", "amevtyper113_el0", "amevtyper114_el0", "amevtyper115_el0", "cntpctss_el0", "cntvctss_el0", "mpuir_el2", "hfgrtr_el2",
        "hfgwtr_el2", "hfgitr_el2", "zcr_el2", "trfcr_el2", "hcrx_el2", "smprimap_el2", "smcr_el2", "sder32_el2",
        "ttbr1_el2", "vncr_el2", "vsttbr_el2", "vstcr_el2", "hdfgrtr_el2", "hdfgwtr_el2", "hafgrtr_el2", "tfsr_el2",
        "prenr_el2", "prselr_el2", "prbar_el2", "prlar_el2", "prbar1_el2", "prlar1_el2", "prbar2_el2", "prlar2_el2",
        "prbar3_el2", "prlar3_el2", "prbar4_el2", "prlar4_el2", "prbar5_el2", "prlar5_el2", "prbar6_el2", "prlar6_el2",
        "prbar7_el2", "prlar7_el2", "prbar8_el2", "prlar8_el2", "prbar9_el2", "prlar9_el2", "prbar10_el2", "prlar10_el2",
        "prbar11_el2", "prlar11_el2", "prbar12_el2", "prlar12_el2", "prbar13_el2", "prlar13_el2", "prbar14_el2", "prlar14_el2",
        "prbar15_el2", "prlar15_el2", "pmscr_el2", "contextidr_el2", "scxtnum_el2", "amevcntvoff00_el2", "amevcntvoff01_el2", "amevcntvoff02_el2",
        "amevcntvoff03_el2", "amevcntvoff04_el2", "amevcntvoff05_el2", "amevcntvoff06_el2", "amevcntvoff07_el2", "amevcntvoff08_el2", "amevcntvoff09_el2", "amevcntvoff010_el2",
        "amevcntvoff011_el2", "amevcntvoff012_el2", "amevcntvoff013_el2", "amevcntvoff014_el2", "amevcntvoff015_el2", "amevcntvoff10_el2", "amevcntvoff11_el2", "amevcntvoff12_el2",
        "amevcntvoff13_el2", "amevcntvoff14_el2", "amevcntvoff15_el2", "amevcntvoff16_el2", "amevcntvoff17_el2", "amevcntvoff18_el2", "amevcntvoff19_el2", "amevcntvoff110_el2",
        "amevcntvoff111_el2", "amevcntvoff112_el2", "amevcntvoff113_el2", "amevcntvoff114_el2", "amevcntvoff115_el2", "cntpoff_el2", "cnthv_tval_el2", "cnthv_ctl_el2",
        "cnthv_cval_el2", "cnthvs_tval_el2", "cnthvs_ctl_el2", "cnthvs_cval_el2", "cnthps_tval_el2", "cnthps_ctl_el2", "cnthps_cval_el2", "sctlr_el12",
        "cpacr_el12", "zcr_el12", "trfcr_el12", "smcr_el12", "ttbr0_el12", "ttbr1_el12", "tcr_el12", "spsr_el12",
        "elr_el12", "afsr0_el12", "afsr1_el12", "esr_el12", "tfsr_el12", "far_el12", "pmscr_el12", "mair_el12",
        "amair_el12", "vbar_el12", "contextidr_el12", "scxtnum_el12", "cntkctl_el12", "cntp_tval_el02", "cntp_ctl_el02", "cntp_cval_el02",
        "cntv_tval_el02", "cntv_ctl_el02", "cntv_cval_el02", "zcr_el3", "smcr_el3", "tfsr_el3", "scxtnum_el3",
    ]
}
