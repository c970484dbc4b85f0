import CurateCore
import CurateEmbed
import CurateLLM
import CuratePipeline
import CurateStore
import CurateTestSupport
import Foundation
import Testing

@Suite struct TOMLSubsetTests {
    @Test func readsTablesArraysOfTablesAndValues() throws {
        let toml = try TOMLSubset.parse(
            """
            store = "a.sqlite"   # a comment
            [[source]]
            name = 'x'
            paths = ["p1", "p # not a comment",
                     "p3",]
            [[source]]
            name = "y"
            [dedup]
            threshold = 0.95
            merge_templates = true
            shard_rows = 50_000
            """)
        #expect(toml["store"] == .string("a.sqlite"))
        #expect(
            toml["source"]
                == .array([
                    .object([("name", .string("x")), ("paths", .array([.string("p1"), .string("p # not a comment"), .string("p3")]))]),
                    .object([("name", .string("y"))]),
                ]))
        #expect(toml["dedup"]?["threshold"] == .number("0.95"))
        #expect(toml["dedup"]?["merge_templates"] == .bool(true))
        #expect(toml["dedup"]?["shard_rows"] == .number("50000"))
    }

    @Test(arguments: [
        ("x = unquoted", 1), ("[a]\n[a]", 2), ("a = [1, 2", 1), ("ok = 1\nbad", 2), ("[bad name]", 1),
    ])
    func errorsNameTheLine(text: String, line: Int) {
        do {
            _ = try TOMLSubset.parse(text)
            Issue.record("expected an error for \(text)")
        } catch let error as CurateError {
            #expect(error.line == line)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct BuildConfigTests {
    @Test func theBundledConfigLoadsWithPathsFromItsFolder() throws {
        let config = try BuildConfig.load(path: Fixtures.root.appendingPathComponent("curate.toml").path)
        #expect(config.sources.count == 10)
        #expect(config.sources[0].paths[0] == Fixtures.path("sources/aime_sample.csv"))
        #expect(config.overlap?.evalSources == ["amc-test"])
        #expect(config.export?.stage.sources?.contains("amc-test") == false)
        #expect(config.dedup?.sources?.contains("amc-test") == false)
        #expect(config.screen, "the screen is on unless the config turns it off")
    }

    @Test func theExtractTableNamesTheModelAndTheKeyVariable() throws {
        let t = try TemporaryStore()
        let path = t.directory.appendingPathComponent("c.toml").path
        try Data(
            """
            [[source]]
            name = "a"
            format = "json"
            paths = ["f"]
            [extract]
            base_url = "http://127.0.0.1:9"
            model = "gemini-2.5-flash"
            api = "openai"
            api_key_env = "MY_KEY"
            concurrency = 4
            rpm = 60
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let extract = try BuildConfig.load(path: path).extract
        #expect(extract?.model == "gemini-2.5-flash" && extract?.api == .openai && extract?.apiKeyEnv == "MY_KEY")
        #expect(extract?.baseURL == "http://127.0.0.1:9" && extract?.concurrency == 4 && extract?.requestsPerMinute == 60)
        #expect(extract?.resolvedBaseURL == "http://127.0.0.1:9")
    }

    /// Without base_url the API's own server: the OpenAI-compatible endpoint for api = "openai", not the Gemini root.
    @Test func eachAPIHasItsDefaultServer() throws {
        let t = try TemporaryStore()
        let path = t.directory.appendingPathComponent("c.toml").path
        for (api, base) in [
            ("openai", "https://generativelanguage.googleapis.com/v1beta/openai"),
            ("gemini", "https://generativelanguage.googleapis.com"),
        ] {
            try Data("[[source]]\nname = \"a\"\nformat = \"json\"\npaths = [\"f\"]\n[extract]\nmodel = \"m\"\napi = \"\(api)\"".utf8)
                .write(to: URL(fileURLWithPath: path))
            let extract = try #require(try BuildConfig.load(path: path).extract)
            #expect(extract.baseURL == nil && extract.resolvedBaseURL == base)
        }
    }

    @Test func mistakesAreNamed() throws {
        let t = try TemporaryStore()
        let path = t.directory.appendingPathComponent("c.toml").path
        let source = "[[source]]\nname = \"a\"\nformat = \"json\"\npaths = [\"f\"]\n"
        for (text, message) in [
            ("[dedup]\n", "declare at least one [[source]]"),
            ("[[source]]\nname = \"a\"\nformat = \"xml\"\npaths = [\"f\"]", "source a: format must be one of"),
            ("[[source]]\nname = \"a\"\nformat = \"json\"\npaths = [\"f\"]\n[overlap]\neval = [\"b\"]", "overlap.eval names b"),
            (
                "[[source]]\nname = \"a\"\nformat = \"json\"\npaths = [\"f\"]\n[extract]\nmodel = \"m\"\napi_key = \"k\"",
                "extract.api_key: the key never goes in a file"
            ),
            ("[[source]]\nname = \"a\"\nformat = \"json\"\npaths = [\"f\"]\n[extract]\nbase_url = \"http://x\"", "[extract] needs model"),
            ("[[source]]\nname = \"a\"\nformat = \"json\"\npaths = [\"f\"]\n[extract]\nmodel = \"m\"\napi = \"x\"", "extract.api must be gemini or openai"),
            // The ranges the commands check, checked by the same code (`settingProblem()`).
            (source + "[dedup]\nthreshold = 1.5", "dedup.threshold must be between 0 and 1 (exclusive), got 1.5"),
            (source + "[overlap]\neval = [\"a\"]\nthreshold = 0", "overlap.threshold must be between 0 and 1"),
            (source + "[overlap]\neval = []", "overlap.eval must name at least one evaluation source"),
            (source + "[export]\nout = \"o\"\nshard_rows = 0", "export.shard_rows must be 1 or more, got 0"),
            (source + "[export]\nout = \"o\"\nshard_rows = 1e300", "export.shard_rows must be a whole number"),
            (source + "[dedup]\npartition_above = -1", "dedup.partition_above must be 0 or more, got -1"),
            (source + "[export]\nout = \"o\"\nsplit = \"my split\"", "export.split must be a plain name"),
            (source + "[extract]\nmodel = \"m\"\nconcurrency = 0", "extract.concurrency must be between 1 and 256, got 0"),
            (source + "[extract]\nmodel = \"m\"\nbase_url = \"ftp://x\"", "extract.base_url must start with http:// or https://"),
            ("screen = \"no\"\n" + source, "screen must be true or false"),
            // A misspelt key or table, or a key after a [[source]] that belongs to another table, is an error.
            (source + "[dedupe]\nthreshold = 0.9", "dedupe: unknown key (known: store, model"),
            (source + "[dedup]\nthreshhold = 0.5", "dedup.threshhold: unknown key"),
            ("storee = \"x\"\n" + source, "storee: unknown key"),
            (source + "threshold = 0.5", "source.threshold: unknown key (known: name, format, paths, mapping, key_index)"),
            (source + "[export]\nout = \"o\"\ncodec = \"zstd\"", "export.codec must be snappy, gzip or uncompressed"),
            (source + source, "two [[source]] tables are named a"),
            (source + "[dedup]\nmerge_templates = \"yes\"", "dedup.merge_templates must be true or false"),
        ] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try BuildConfig.load(path: path)
                Issue.record("expected an error")
            } catch let error as CurateError {
                #expect(error.message.hasPrefix(message) && error.file == path)
            }
        }
    }
}

@Suite struct BuildPipelineTests {
    /// Writes `toml` as the store's `curate.toml` (store `built.sqlite` beside it) and loads it.
    func config(in t: TemporaryStore, _ toml: String) throws -> BuildConfig {
        let path = t.directory.appendingPathComponent("curate.toml")
        try Data(("store = \"built.sqlite\"\n" + toml).utf8).write(to: path)
        return try BuildConfig.load(path: path.path)
    }

    /// One `curate build` of `config` with the test model, log discarded.
    func build(_ config: BuildConfig) async throws -> [BuildStepRecord] {
        try await BuildPipeline(config: config, defaultModel: modelDirectory) { _ in }.run()
    }

    @Test func aSecondBuildWithNothingChangedDoesNoWork() async throws {
        let t = try TemporaryStore()
        let parsed = try config(
            in: t,
            """
            [[source]]
            name = "rows"
            format = "jsonl"
            paths = ["\(Fixtures.path("sources/bad/rows.jsonl"))"]
            [[source]]
            name = "springfield"
            format = "mapping"
            paths = ["\(Fixtures.path("sources/custom_contest.csv"))"]
            mapping = "\(Fixtures.path("sources/custom_contest.mapping.json"))"
            [dedup]
            [overlap]
            eval = ["springfield"]
            [export]
            out = "shards"
            """)
        let first = try await build(parsed)
        #expect(first.map(\.step) == PipelineStep.allCases)
        #expect(first[0].kept == 4 && first[0].dropped == ["rejected": 5])
        #expect(first[5].kept == 2)  // the springfield rows are the evaluation set: not exported
        let second = try await build(parsed)
        #expect(second[0].note.hasPrefix("0 file(s) read, 2 unchanged file(s) skipped"))
        #expect(second[2].note.hasPrefix("0 answers classified"))
        #expect(second[3].note.hasPrefix("0 texts embedded"))
        let shard = t.directory.appendingPathComponent("shards/train-00000-of-00001.parquet")
        #expect(FileManager.default.fileExists(atPath: shard.path))
        let manifest = try JSONValue.parse(Array(try Data(contentsOf: t.directory.appendingPathComponent("shards/manifest.json"))))
        #expect(manifest["build"]?["config"] == .string(parsed.path))
        guard case .array(let steps)? = manifest["build"]?["steps"] else { Issue.record("no build steps in the manifest"); return }
        #expect(steps.count == 5 && steps[0]["step"] == .string("ingest") && steps[1]["step"] == .string("extract"))
    }

    /// `screen = false` reaches dedup and overlap: every compared text is embedded exactly, none screened, and the
    /// decisions are those of the screened build.
    @Test(.enabled(if: FastPass.available(on: .current) != .unavailable, "no fast pass on this CPU: nothing is screened either way"))
    func screenFalseEmbedsEveryTextExactly() async throws {
        let sources = """
            [[source]]
            name = "rows"
            format = "jsonl"
            paths = ["\(Fixtures.path("sources/bad/rows.jsonl"))"]
            [[source]]
            name = "springfield"
            format = "mapping"
            paths = ["\(Fixtures.path("sources/custom_contest.csv"))"]
            mapping = "\(Fixtures.path("sources/custom_contest.mapping.json"))"
            [dedup]
            [overlap]
            eval = ["springfield"]
            """
        let screenedStore = try TemporaryStore(), exactStore = try TemporaryStore()
        let screened = try await build(try config(in: screenedStore, sources))
        let exact = try await build(try config(in: exactStore, "screen = false\n" + sources))
        #expect(!screened[3].note.contains(" 0 screened"), "\(screened[3].note)")
        #expect(exact[3].note.contains(" 0 screened by the fast pass"), "\(exact[3].note)")
        #expect(exact[3].kept == screened[3].kept && exact[3].dropped == screened[3].dropped)
        #expect(exact[4].kept == screened[4].kept && exact[4].dropped == screened[4].dropped)
    }

    // Three builds within a second: a changed file is read once and recorded with the hash of the bytes ingested, and
    // each build is recorded under its own id (ids to the millisecond).
    @Test func aChangedFileIsIngestedWithTheHashOfTheBytesRead() async throws {
        let t = try TemporaryStore()
        let rows = t.directory.appendingPathComponent("rows.jsonl")
        try Data(#"{"problem": "What is $1+1$?", "answer": "2"}"#.utf8 + [10]).write(to: rows)
        let parsed = try config(
            in: t,
            """
            [[source]]
            name = "rows"
            format = "jsonl"
            paths = ["\(rows.path)"]
            """)
        let first = try await build(parsed)
        #expect(first[0].note.hasPrefix("1 file(s) read, 0 unchanged file(s) skipped, 1 new rows"))
        let changed = Data(#"{"problem": "What is $1+1$?", "answer": "2"}"#.utf8 + [10] + #"{"problem": "What is $5+5$?", "answer": "10"}"#.utf8 + [10])
        try changed.write(to: rows)
        let second = try await build(parsed)
        #expect(second[0].note.hasPrefix("1 file(s) read, 0 unchanged file(s) skipped, 1 new rows"))
        let store = try Store(path: t.directory.appendingPathComponent("built.sqlite").path)
        #expect(try store.ingestedFileHash(path: rows.path, source: "rows") == SHA256.hex(of: [UInt8](changed)))
        let third = try await build(parsed)
        #expect(third[0].note.hasPrefix("0 file(s) read, 1 unchanged file(s) skipped"))
        // A path that is gone names the file.
        try FileManager.default.removeItem(at: rows)
        let error = await #expect(throws: CurateError.self) { _ = try await build(parsed) }
        #expect(error?.file == rows.path && error?.message == "no such file")
    }
}
