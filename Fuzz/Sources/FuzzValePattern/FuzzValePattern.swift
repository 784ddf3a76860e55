import FuzzSupport

@_cdecl("FuzzValePattern_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        FuzzSupport.scanValePattern(bytes(data, size))
        return 0
    }
}
