import CurateCLI

/// The `curate` executable: everything lives in CurateCLI so tests can run commands in-process.
@main
struct CurateMain {
    static func main() async {
        await CurateCommand.runMain()
    }
}
