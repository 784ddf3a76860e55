#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The calendar date, for reports that say when they were made.
public enum Clock {
    /// Today in UTC as YYYY-MM-DD; with SOURCE_DATE_EPOCH set (the reproducible-builds
    /// convention), that moment's date instead, so a report can be made byte for byte again.
    public static func today() -> String {
        var seconds = time(nil)
        if let text = Terminal.environment("SOURCE_DATE_EPOCH"), let epoch = Int(text) { seconds = time_t(epoch) }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        return "\(Int(parts.tm_year) + 1900)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
