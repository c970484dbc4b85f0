import CurateCore
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == digest)
    }

    @Test func millionAs() {
        #expect(
            SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) { hasher.update(bytes[chunk..<min(chunk + 37, bytes.count)]) }
        #expect(SHA256.hexString(hasher.finalize()) == SHA256.hex(of: bytes))
    }
}

@Suite struct ProblemTextTests {
    @Test func normalisationFoldsCaseAndSpace() {
        #expect(ProblemText.normalized("  Find\t $X$.\n\nNow ") == "find $x$. now")
        #expect(ProblemText.hash("Find $x$.") == ProblemText.hash("find   $X$. "))
        #expect(ProblemText.hash("Find $x$.") != ProblemText.hash("Find $y$."))
    }
}

@Suite struct ContentHashTests {
    func fingerprint(_ text: String) -> String {
        var h = ContentHash()
        h.update(Array(text.utf8))
        return h.hex
    }

    @Test func stableAndSensitive() {
        #expect(fingerprint("abc") == fingerprint("abc"))
        #expect(fingerprint("abc").count == 32)
        #expect(fingerprint("abc") != fingerprint("abd"))
        #expect(fingerprint("") != fingerprint("\0"))
        #expect(fingerprint("12345678") != fingerprint("123456789"))
        // Pinned value: a changed algorithm would make every stored row look changed.
        #expect(fingerprint("MathCurate") == "4caa09c5fb6f709da1ccad3567cc49af")
    }

    @Test func incrementalEqualsOneShot() {
        var h = ContentHash()
        h.update(Array("Math".utf8))
        h.update(Array("Curate rows".utf8))
        #expect(h.hex == fingerprint("MathCurate rows"))
    }
}
