import FuzzSupport

@_cdecl("FuzzVocabulary_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        FuzzSupport.loadVocabulary(bytes(data, size))
        return 0
    }
}
