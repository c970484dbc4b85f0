import Foundation
import PackagePlugin

/// Compiles text files of the project into the target as Swift string constants, so they stay readable files in
/// the repository and the `curate` binary carries them with no resource bundle:
/// - CurateStore: the numbered SQL migrations of `schemas/sql` as `embeddedMigrations`;
/// - CuratePipeline: the model prompts of `prompts/` as `embeddedPrompts`.
@main
struct EmbedTextFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let (folder, fileExtension, variable): (String, String, String)
        switch target.name {
        case "CurateStore": (folder, fileExtension, variable) = ("schemas/sql", "sql", "embeddedMigrations")
        case "CuratePipeline": (folder, fileExtension, variable) = ("prompts", "md", "embeddedPrompts")
        default: return []
        }
        let directory = context.package.directoryURL.appending(path: folder)
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == fileExtension }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "\(variable).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files of \(folder) as \(variable)",
                executable: try context.tool(named: "embed-text").url,
                arguments: [output.path, variable] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
