extension ProblemText {
    /// The text dedup and overlap compare (never the text exported): the problem without what two transcriptions
    /// of one problem disagree on. Rules, in order:
    /// 1. diagram code removed: `[asy]…[/asy]`, `\begin{asy}…`, `\begin{tikzpicture}…` (to the end when unclosed);
    /// 2. image references removed: Markdown images, `[img]…[/img]`, `\includegraphics{…}`, file names such as
    ///    `AIME 1985 Problem 4.png` or `Pdfresizer.com-pdf-convert-aimeq12.png`;
    /// 3. URLs removed;
    /// 4. what follows the problem on its wiki page removed (from a heading alone on its line, `Diagram`, `Hint`,
    ///    `Note`, … to the end), then trailing credits: final `~ name` and `-name` signatures, `Solution by …`,
    ///    `Proposed by …`, `Diagram by …`, `Credit to …`, `(Source: …)`;
    /// 5. LaTeX spellings folded: `\dfrac`/`\tfrac` to `\frac`, every `\frac` argument braced (`\frac12`,
    ///    `\frac 35`, `\frac{3}5` to `\frac{1}{2}` …), `43/99` and in math `m/n` to fractions, `\left`/`\right`
    ///    dropped, `\(`/`\[`/`$$` to `$`, spacing commands and `~` to spaces, `\leq` to `\le`, `\cdots` and
    ///    `\ldots` to `\dots`, `\mbox` to `\text`, `^{\circ}` to `^\circ`, empty `{}` groups dropped,
    ///    `\displaystyle` and `\allowbreak` dropped, `$1000$` to 1000;
    /// 6. spacing: one space between words; none before `, . ; : ? ! )` or after `(`; inside math, a space
    ///    only between two letters or digits.
    ///
    /// Example: `ProblemText.comparison("Find $\\dfrac{43}{99}$ . ~ pi_is_3.14")` is `"Find $\\frac{43}{99}$."`.
    /// - Complexity: O(n); the rare rules run only when their marker occurs in the text.
    public static func comparison(_ text: String) -> String {
        var s = text
        if s.contains("[asy]") || s.contains("[ASY]") { s = s.replacing(Pattern.asyBlock, with: " ") }
        if s.contains("\\begin{") {
            s = s.replacing(Pattern.diagramEnvironment, with: " ")
        }
        if s.contains("](") { s = s.replacing(Pattern.markdownImage, with: " ") }
        if s.contains("[img]") || s.contains("[IMG]") { s = s.replacing(Pattern.imgTag, with: " ") }
        if s.contains("\\includegraphics") { s = s.replacing(Pattern.includeGraphics, with: " ") }
        if s.contains(".png") || s.contains(".jp") || s.contains(".gif") || s.contains(".svg") || s.contains(".PNG") {
            // A file name, with up to four capitalised or numeric words before it ("AIME 1985 Problem 4.png").
            s = s.replacing(Pattern.imageFileName) { "\($0.1) " }
        }
        if s.contains("://") || s.contains("www.") { s = s.replacing(Pattern.url, with: " ") }
        s = withoutTrailingCredits(s)
        s = foldedLaTeX(s)
        return spaced(s)
    }

    /// `hash(comparison(text))`: the key of the embedding cache and of exact duplicates.
    public static func comparisonHash(_ text: String) -> String { hash(comparison(text)) }

    /// Drops what follows the problem on its wiki page (from a line that is only a section heading such as
    /// `Diagram` or `Hint` to the end), then credit lines and signatures at the end of the text.
    private static func withoutTrailingCredits(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let heading = lines.indices.dropFirst().first(where: { pageSections.contains(lines[$0].trimmedWhitespace) }) {
            lines.removeSubrange(heading...)
        }
        while let last = lines.last {
            let line = last.trimmedWhitespace
            if line.isEmpty || line.hasPrefix("~") || line.wholeMatch(of: creditLine) != nil || line.hasPrefix("Graph in Desmos") {
                lines.removeLast()
                continue
            }
            // A signature after the last sentence on the same line: "… divisible by $n+10$? ~ pi_is_3.14", "… . -asjpz".
            if let match = last.firstMatch(of: Pattern.tildeSignature) {
                lines[lines.count - 1] = String(last[..<match.range.lowerBound])
            } else if let match = last.firstMatch(of: Pattern.dashSignature) {
                lines[lines.count - 1] = String(last[..<match.range.lowerBound]) + match.1
            }
            break
        }
        return lines.joined(separator: "\n")
    }

    /// Headings of the sections an AoPS wiki page puts after the problem, alone on their line.
    private static let pageSections: Set<String> = [
        "Diagram", "Hint", "Hints", "Note", "Notes", "Explanation of the Question", "Quickest Method of Solving",
        "Solution", "Solution 1", "Video Solution", "See also", "See Also",
    ]

    nonisolated(unsafe) private static let creditLine =
        #/(?i)_?(?:solution|proposed|submitted|edited|written|diagram|graph|image) by\b.*|credits? to\b.*|\((?:source|credit)s?:.*\)/#

    /// The LaTeX folds of rule 5.
    private static func foldedLaTeX(_ text: String) -> String {
        var s = text
        if s.contains("\\") {
            s = s.replacing("\\dfrac", with: "\\frac").replacing("\\tfrac", with: "\\frac")
            s = s.replacing(Pattern.leftRight, with: "")
            s = s.replacing(Pattern.styleCommand, with: "")
            s = s.replacing(Pattern.spacingCommand, with: " ")
            s = s.replacing(Pattern.longRelation) { "\\\($0.1.dropLast())" }
            s = s.replacing(Pattern.dotsCommand, with: "\\dots")
            s = s.replacing(Pattern.textCommand, with: "\\text")
            s = s.replacing(Pattern.mathDelimiter) { _ in "$" }
            s = bracedFractions(s)
        }
        s = s.replacing("$$", with: "$").replacing("\u{00A0}", with: " ")
        if s.contains("/") { s = slashFractions(s) }
        if s.contains("{") {
            s = s.replacing(Pattern.singleBracedScript) { "\($0.1)\($0.2)" }
            s = s.replacing(Pattern.emptyGroup, with: "")
        }
        // A plain number alone in math is the number: `$1000$` and 1000.
        if s.contains("$") { s = s.replacing(Pattern.plainNumberInMath) { String($0.1) } }
        return s
    }

    /// `a/b` to `\frac{a}{b}`: digit runs anywhere (`43/99`), single letters too inside math (`$m/n$`).
    private static func slashFractions(_ text: String) -> String {
        var pieces = text.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        for k in pieces.indices {
            pieces[k] =
                k % 2 == 1
                ? pieces[k].replacing(Pattern.slashFractionInMath) { "\($0.1)\\frac{\($0.2)}{\($0.3)}" }
                : pieces[k].replacing(Pattern.slashFractionInText) { "\($0.1)\\frac{\($0.2)}{\($0.3)}" }
        }
        return pieces.joined(separator: "$")
    }

    /// `\frac` with both arguments in braces: `\frac12`, `\frac 35`, `\frac{3}5`, `\frac1{8}`, `\frac mn`,
    /// `\frac\pi2` and `\frac {m}{n}` become `\frac{1}{2}` … `\frac{m}{n}`. An argument is a braced group, a
    /// command name or one character; anything else is left as written.
    private static func bracedFractions(_ text: String) -> String {
        guard text.contains("\\frac") else { return text }
        let chars = Array(text)
        let marker = Array("\\frac")
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = 0
        while i < chars.count {
            if chars[i] == "\\", i + marker.count <= chars.count, Array(chars[i..<i + marker.count]) == marker,
                !(i + marker.count < chars.count && chars[i + marker.count].isLetter)
            {
                var j = i + marker.count
                var arguments: [String] = []
                while arguments.count < 2, let (argument, next) = fractionArgument(chars, from: j) {
                    arguments.append(argument)
                    j = next
                }
                if arguments.count == 2 {
                    out += "\\frac{\(arguments[0])}{\(arguments[1])}"
                    i = j
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// One argument of `\frac` at `start` (after spaces): its text without braces and the index after it.
    private static func fractionArgument(_ chars: [Character], from start: Int) -> (String, Int)? {
        var j = start
        while j < chars.count, chars[j] == " " { j += 1 }
        guard j < chars.count else { return nil }
        switch chars[j] {
        case "{":
            var depth = 0
            var k = j
            while k < chars.count {
                if chars[k] == "{" { depth += 1 } else if chars[k] == "}" { depth -= 1; if depth == 0 { break } }
                k += 1
            }
            return k < chars.count ? (String(chars[j + 1..<k]), k + 1) : nil
        case "\\":
            var k = j + 1
            while k < chars.count, chars[k].isLetter { k += 1 }
            return k > j + 1 ? (String(chars[j..<k]), k) : nil
        case let c where c.isLetter || c.isNumber:
            return (String(c), j + 1)
        default:
            return nil
        }
    }

    /// Rule 6: spacing outside and inside math, in one pass over the characters.
    private static func spaced(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var inMath = false
        var pendingSpace = false
        var previous: Character = " "
        for c in text {
            if c == "$" {
                if pendingSpace, !inMath, previous != "(" { out.append(" ") }
                pendingSpace = false
                inMath.toggle()
                out.append(c)
                previous = c
                continue
            }
            if c.isWhitespace || (inMath && c == "~") {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                let keep =
                    inMath
                    ? (previous.isLetter || previous.isNumber) && (c.isLetter || c.isNumber)
                    : !",.;:?!)".contains(c) && previous != "("
                if keep { out.append(" ") }
                pendingSpace = false
            }
            out.append(c)
            previous = c
        }
        return out
    }

    /// The patterns of the rules, compiled once (a regex literal in a function body is parsed again on every call).
    private enum Pattern {
        nonisolated(unsafe) static let asyBlock = #/(?is)\[asy\].*?(?:\[/asy\]|$)/#
        nonisolated(unsafe) static let diagramEnvironment = #/(?s)\\begin\{(tikzpicture|asy)\}.*?(?:\\end\{(?:tikzpicture|asy)\}|$)/#
        nonisolated(unsafe) static let markdownImage = #/!\[[^\]]*\]\([^)]*\)/#
        nonisolated(unsafe) static let imgTag = #/(?is)\[img\].*?(?:\[/img\]|$)/#
        nonisolated(unsafe) static let includeGraphics = #/\\includegraphics(?:\[[^\]]*\])?\{[^}]*\}/#
        nonisolated(unsafe) static let imageFileName = #/(^|\s)(?:[A-Z0-9][\w-]*\s){0,4}[\w.-]+\.(?i:png|jpe?g|gif|svg)\b/#
        nonisolated(unsafe) static let url = #/(?:https?://|www\.)\S+/#
        nonisolated(unsafe) static let tildeSignature = #/\s~\s*[^\s~$\\][^~$\\]{0,40}(?:~\s*[^~$\\]{1,40})*$/#
        nonisolated(unsafe) static let dashSignature = #/([.?!$])\s+-[A-Za-z][\w.]*\s*$/#
        nonisolated(unsafe) static let leftRight = #/\\(?:left|right)(?:\.|(?![A-Za-z]))/#
        nonisolated(unsafe) static let styleCommand = #/\\(?:displaystyle|textstyle|allowbreak)(?![A-Za-z])/#
        nonisolated(unsafe) static let spacingCommand = #/\\(?:[,;:! ]|quad(?![A-Za-z])|qquad(?![A-Za-z]))/#
        nonisolated(unsafe) static let longRelation = #/\\(leq|geq|neq)(?![A-Za-z])/#
        nonisolated(unsafe) static let dotsCommand = #/\\(?:ldots|cdots|dots[cb]?)(?![A-Za-z])/#
        nonisolated(unsafe) static let textCommand = #/\\(?:mbox|textrm|textnormal)(?![A-Za-z])/#
        nonisolated(unsafe) static let mathDelimiter = #/\\[()\[\]]/#
        nonisolated(unsafe) static let singleBracedScript = #/([\^_])\{\s*(\\[A-Za-z]+|[A-Za-z0-9])\s*\}/#
        nonisolated(unsafe) static let emptyGroup = #/[\^_]?\{\s*\}/#
        nonisolated(unsafe) static let plainNumberInMath = #/\$\s*(\d+(?:\.\d+)?)\s*\$/#
        nonisolated(unsafe) static let slashFractionInMath = #/(^|[^\w\\}.])(\d+|[A-Za-z])\s*/\s*(\d+|[A-Za-z])(?![\w{.])/#
        nonisolated(unsafe) static let slashFractionInText = #/(^|[^\w}.])(\d+)\s*/\s*(\d+)(?![\w{.])/#
    }
}
