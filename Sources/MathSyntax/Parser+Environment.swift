/// `\begin{…}…\end{…}` environments: matrices, cases, alignments.
extension ParserState {
    static let matrixEnvironments: Set<String> = [
        "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "matrix", "smallmatrix", "array", "psmallmatrix", "bsmallmatrix",
    ]

    /// Parses the body of an environment up to its `\end`.
    mutating func parseEnvironment(_ env: String) -> Expr? {
        let name = env.hasSuffix("*") ? String(env.dropLast()) : env
        if ParserState.matrixEnvironments.contains(name) {
            let m = parseMatrixBody()
            return name == "vmatrix" ? .apply("det", [m]) : m
        }
        // Other environments (align, cases, equation, gather…): items separated by rows, `&` and commas.
        var items: [Expr] = []
        while !atEnd {
            let before = index
            if case .end = current { advance(); break }
            if current == .rowBreak || isPunct(38) || eat(44) || eat(59) || current == .wideSpace {
                if index == before { advance() }
                continue
            }
            if let item = parseItem() { items.append(item) }
            if index == before { error("unexpected token in environment"); advance() }
        }
        return .list(items)
    }

    /// Rows separated by `\\`, cells by `&`; a trailing empty row is dropped.
    mutating func parseMatrixBody() -> Expr {
        var rows: [[Expr]] = []
        var row: [Expr] = []
        var cell: Expr? = nil
        while !atEnd {
            let before = index
            if case .end = current {
                advance()
                break
            }
            if current == .rowBreak {
                advance()
                if let c = cell { row.append(c) }
                if !row.isEmpty { rows.append(row) }
                row = []; cell = nil
                continue
            }
            if isPunct(38) {
                advance()
                row.append(cell ?? .symbol(""))
                cell = nil
                continue
            }
            if current == .wideSpace { advance(); continue }
            if let item = parseItem() { cell = item }
            if index == before { error("unexpected token in matrix"); advance() }
        }
        if let c = cell { row.append(c) }
        if !row.isEmpty { rows.append(row) }
        return .matrix(rows)
    }
}
