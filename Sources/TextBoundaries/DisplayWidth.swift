internal import CICU

/// How many terminal cells a character takes, for lining a caret up under text: East Asian wide
/// and fullwidth characters take two (Unicode's East Asian Width, from ICU), combining marks,
/// joiners and variation selectors none, emoji shown as emoji two, everything else one.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (value >= 0x7F && value < 0xA0) ? 0 : 1 }
        switch value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0xFEFF, 0x1F3FB...0x1F3FF:
            return 0
        default:
            break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Hangul medial vowels and final consonants join the syllable before them.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        let width = galley_east_asian_width(Int32(bitPattern: value))
        if width == Int32(GALLEY_U_EA_WIDE) || width == Int32(GALLEY_U_EA_FULLWIDTH) { return 2 }
        return properties.isEmojiPresentation ? 2 : 1
    }

    /// Cells taken by `text`.
    public static func of<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> Int {
        scalars.reduce(0) { $0 + of($1) }
    }
}
