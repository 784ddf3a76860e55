import FuzzSupport

@_cdecl("FuzzMDX_main")
func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        FuzzSupport.lint(bytes(data, size), as: .mdx, path: "fuzz.mdx")
        return 0
    }
}
