import A64

/// The target description gdb and lldb read with `qXfer:features:read:target.xml`: the AArch64
/// core feature as gdb's `aarch64-core.xml` defines it, and a second feature holding every
/// register of the system register catalogue (as QEMU's `org.qemu.gdb.arm.sys.regs` does, but
/// in the `system` group, so `info registers system` lists them).
///
/// The OS ABI is `none`: the core runs a hypervisor at EL2, not a Linux process. Without it gdb
/// falls back to its configured default (GNU/Linux on Debian's gdb-multiarch) and, at every stop,
/// reads the two instructions around the PC to look for a Linux signal trampoline: two extra
/// round trips per `stepi` for a frame that cannot exist here.
public enum TargetDescription {
    public static let systemFeature = "org.qemu.gdb.arm.sys.regs"

    public static var xml: String {
        var s = """
            <?xml version="1.0"?>
            <!DOCTYPE target SYSTEM "gdb-target.dtd">
            <target version="1.0">
              <architecture>aarch64</architecture>
              <osabi>none</osabi>
              <feature name="org.gnu.gdb.aarch64.core">
                <flags id="cpsr_flags" size="4">
                  <field name="SP" start="0" end="0"/>
                  <field name="EL" start="2" end="3"/>
                  <field name="nRW" start="4" end="4"/>
                  <field name="F" start="6" end="6"/>
                  <field name="I" start="7" end="7"/>
                  <field name="A" start="8" end="8"/>
                  <field name="D" start="9" end="9"/>
                  <field name="IL" start="20" end="20"/>
                  <field name="SS" start="21" end="21"/>
                  <field name="V" start="28" end="28"/>
                  <field name="C" start="29" end="29"/>
                  <field name="Z" start="30" end="30"/>
                  <field name="N" start="31" end="31"/>
                </flags>

            """
        for n in 0...30 { s += "    <reg name=\"x\(n)\" bitsize=\"64\" type=\"int\" regnum=\"\(n)\"/>\n" }
        s += """
                <reg name="sp" bitsize="64" type="data_ptr" regnum="31"/>
                <reg name="pc" bitsize="64" type="code_ptr" regnum="32"/>
                <reg name="cpsr" bitsize="32" type="cpsr_flags" regnum="33"/>
              </feature>
              <feature name="\(systemFeature)">

            """
        for (i, _) in SystemRegisterCatalogue.all.enumerated() {
            let r = RegisterMap.Register.system(i)
            s += "    <reg name=\"\(RegisterMap.name(r))\" bitsize=\"64\" type=\"uint64\" regnum=\"\(RegisterMap.number(r))\" group=\"system\"/>\n"
        }
        s += "  </feature>\n</target>\n"
        return s
    }

    /// lldb's `qRegisterInfoN` answer for register `n` (nil past the last).
    public static func registerInfo(_ n: Int) -> String? {
        guard let r = RegisterMap.register(n) else { return nil }
        var offset = 0
        for k in 0..<n { offset += RegisterMap.register(k).map(RegisterMap.size) ?? 0 }
        var fields = "name:\(RegisterMap.name(r));bitsize:\(RegisterMap.size(r) * 8);offset:\(offset);encoding:uint;format:hex;"
        switch r {
        case .general(let k):
            fields += "set:General Purpose Registers;gcc:\(k);dwarf:\(k);"
            if k < 8 { fields += "generic:arg\(k + 1);" }
            if k == 29 { fields += "alt-name:fp;generic:fp;" }
            if k == 30 { fields += "alt-name:lr;generic:ra;" }
        case .sp: fields += "set:General Purpose Registers;gcc:31;dwarf:31;generic:sp;"
        case .pc: fields += "set:General Purpose Registers;gcc:32;dwarf:32;generic:pc;"
        case .cpsr: fields += "set:General Purpose Registers;generic:flags;"
        case .system: fields += "set:System Registers;"
        }
        return fields
    }
}
