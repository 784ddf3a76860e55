import FuzzSupport

@_cdecl("FuzzValeCache_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        FuzzSupport.readValeCacheEntry(bytes(data, size))
        return 0
    }
}
