#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The C library's byte search, for hot paths that look for one byte in a whole file.
public enum Bytes {
    /// Index of the first `byte` in `buffer[from..<to]`, or nil (memchr).
    public static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = buffer.baseAddress, from < to, from >= 0, to <= buffer.count else { return nil }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
