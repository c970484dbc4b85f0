/// Text normalisation used to recognise the same problem across sources and re-ingests.
public enum ProblemText {
    /// Lower-cases, turns every run of white space into one space, and trims the ends.
    ///
    /// `ProblemText.normalized("Find  $x$.\n")` is `"find $x$."`.
    /// - Complexity: O(n) in the length of `text`.
    public static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            if scalar.isASCII {
                let v = scalar.value
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(UInt8(v + 32)) : scalar)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// The hex SHA-256 of the normalised text: the `problem_hash` column.
    public static func hash(_ text: String) -> String {
        SHA256.hex(of: Array(normalized(text).utf8))
    }
}
