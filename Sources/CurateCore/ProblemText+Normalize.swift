/// Text normalisation used to recognise the same problem across sources and re-ingests.
public enum ProblemText {
    /// Lower-cases, turns every run of white space into one space, and trims the ends.
    ///
    /// `ProblemText.normalized("Find  $X$.\n")` is `"find $x$."`. ASCII text takes a byte-level fast path.
    /// - Complexity: O(n) in the length of `text`.
    public static func normalized(_ text: String) -> String {
        if let fast = text.utf8.withContiguousStorageIfAvailable({ asciiNormalized($0) }), let result = fast { return result }
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

    /// The byte-level path: nil when the text is not all ASCII.
    private static func asciiNormalized(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            guard b < 0x80 else { return nil }
            if b == 0x20 || (0x09...0x0D).contains(b) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b >= 65 && b <= 90 ? b + 32 : b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex SHA-256 of the normalised text: the `problem_hash` column.
    public static func hash(_ text: String) -> String {
        SHA256.hex(of: Array(normalized(text).utf8))
    }
}

extension String {
    /// The text without white space (Unicode's definition) at either end; no Foundation bridging.
    /// - Complexity: O(k) in the white space removed; the text itself is not copied when nothing is trimmed.
    public var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == startIndex && scalars.index(after: last) == endIndex { return self }
        return String(self[first...last])
    }
}
