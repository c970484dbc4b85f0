import BigInt
import Testing
@testable import MathAlgebra
import MathSyntax

// Machine-integer fast paths must give exactly what the BigInt paths give (values and representation).

@Test func gcdMatchesStein() {
    var values: [BigUInt] = [0, 1, 2, 3, 6, 12, 97, 1 << 40, (1 << 63) + 5, BigUInt(UInt64.max)]
    values += [BigUInt(1) << 2006, BigUInt(3) << 2006, (BigUInt(1) << 2005) + 1, (BigUInt(1) << 130) * 97, BigUInt(45) << 70]
    for a in values {
        for b in values {
            #expect(GCD.of(a, b) == a.greatestCommonDivisor(with: b))
            #expect(GCD.of(BigInt(a), -BigInt(b)) == BigInt(a).greatestCommonDivisor(with: -BigInt(b)))
        }
    }
}

@Test func smallPowersMatchBigPowers() {
    let bases = [
        Rational(2), Rational(-3), Rational(1, 2), Rational(-7, 5), Rational(1), Rational(-1), Rational(10),
        Rational(3037000499), Rational(-2, 3037000499), Rational(Int(Int64.max)),
    ]
    for q in bases {
        for e in [-70, -63, -2, -1, 0, 1, 2, 3, 31, 32, 62, 63, 64, 200] {
            for maxBits in [64, 128, 4096] {
                let expected: Rational? = {
                    if e == 0 { return .one }
                    let base = e < 0 ? (q.reciprocal ?? .zero) : q
                    let k = e.magnitude
                    let bits = max(base.numerator.magnitude.bitWidth, base.denominator.magnitude.bitWidth)
                    let trivial = base.numerator.magnitude == 1 && base.denominator == 1
                    if trivial { return (base.signum < 0 && k % 2 == 1) ? Rational(-1) : .one }
                    if bits * Int(k) > maxBits { return nil }
                    return Rational(coprime: base.numerator.power(Int(k)), base.denominator.power(Int(k)))
                }()
                #expect(q.power(e, maxBits: maxBits) == expected, "\(q)^\(e) within \(maxBits) bits")
            }
        }
    }
}

@Test func smallSquareRootsMatchBigIntegerRoots() throws {
    var fractions: [Rational] = []
    for n in [1, 2, 3, 4, 5, 8, 12, 18, 50, 72, 97, 1000, 4096, 19_997 * 19_997, 40_009 * 40_009 * 3, 1_000_003 * 2, 999_999_999_989] {
        for d in [1, 2, 3, 4, 9, 27, 1_000_000] { fractions.append(Rational(n, d)) }
    }
    fractions.append(Rational(Int(Int64.max), 1))
    for q in fractions {
        var b1 = Budget(), b2 = Budget()
        let fast = try Radicals.root(of: q, index: 2, budget: &b1)
        let slow = try Radicals.rootInBigIntegers(of: q, index: 2, budget: &b2)
        #expect(fast.0 == slow.0 && fast.1 == slow.1 && b1.steps == b2.steps, "√\(q)")
    }
}

@Test func productWithAConstantIsTheGeneralProduct() throws {
    let sides = ["3", "-2/7", "0", "1", "x + 2y - 1", "\\sqrt{2} + i", "\\pi x^2", "2^{70}", "\\sin(x) + 1"]
    for a in sides {
        for b in sides {
            let pa = try poly(a), pb = try poly(b)
            var budget = Budget()
            let product = try Polynomial.multiply(pa, pb, budget: &budget)
            // The general loop: every pair of terms, reduced, accumulated.
            var acc = TermAccumulator(terms: [], expected: pa.terms.count * pb.terms.count)
            for (m1, c1) in pa.terms {
                for (m2, c2) in pb.terms {
                    let (m, k) = try Polynomial.reduce(m1 * m2, maxBits: Budget().maxBits)
                    acc.add(m, c1 * c2 * k)
                }
            }
            #expect(product == Polynomial(terms: acc.finish()), "(\(a)) · (\(b))")
        }
    }
}

@Test func canonicalSumsAndSmallConstantsAreUnchanged() throws {
    #expect(try poly("x + 1 - x") == Polynomial(Rational(1)))
    #expect(try poly("7") == Polynomial(Rational(7)))
    #expect(try poly("31") == Polynomial(Rational(31)) && (try poly("32")) == Polynomial(Rational(32)))
    #expect(try poly("(x+1)^2 - x^2 - 2x") == Polynomial(Rational(1)))
}

@Test func numericZeroTestEvaluatesSharedAtomsOnce() throws {
    // d = sin(x)·x + sin(x)·y − sin(x)·(x + y): one atom in three terms, zero at every point.
    let d = try poly("\\sin(x) x + \\sin(x) y - \\sin(x)(x+y)")
    #expect(d.isZero)
    let e = try poly("\\sin(x) x + \\sin(x) y")
    let form = NumericForm(e)
    #expect(form.atoms.count == 3 && form.terms.count == 2)
    #expect(ScalarComparison.numericZeroTest(e, symbols: ["x", "y"]).isEqual == false)
}

@Test func powersWithTwosSplitOffMatchPlainPowers() {
    let bases: [BigInt] = [0, 1, -1, 2, -2, 6, -12, 1 << 40, -(BigInt(3) << 70), BigInt(5) << 1, 7]
    for x in bases {
        for k in [0, 1, 2, 3, 7, 64, 2005] {
            #expect(Rational.power(x, k) == x.power(k), "\(x)^\(k)")
        }
    }
}

@Test func multiplyingByOneKeepsTheValue() throws {
    let big = try #require(Rational(2).power(100, maxBits: 1000))
    let ratio = try #require(Rational(3).power(50, maxBits: 1000)).reciprocal!
    for x in [big, ratio, Rational(-7, 3), Rational.zero] {
        #expect(x * .one == x && .one * x == x)
        #expect(x * .one == x * Rational(5, 5))
    }
}

@Test func reciprocalsOfBigFractionsAreReducedWithoutAGCD() throws {
    // The reciprocal of a reduced fraction is built as coprime: it must equal the fully reduced construction.
    let twoTo100 = BigInt(1) << 100, threeTo40 = BigInt(3).power(40)
    for (n, d) in [(BigInt(1), twoTo100), (-threeTo40, twoTo100), (twoTo100 + 1, threeTo40), (BigInt(-1), twoTo100)] {
        let x = Rational(big: n, d)
        let r = try #require(x.reciprocal)
        #expect(r == Rational(big: x.denominator, x.numerator))  // the general constructor reduces and moves the sign
        #expect(r.denominator.sign == .plus && r * x == .one)
    }
}

@Test func samplePointsGiveEachVariableItsValue() {
    let points = ScalarComparison.points(for: ["y", "x", "t"], count: 6)
    let mixed = ScalarComparison.points(for: ["y", "x", "t"], count: 6, mixedSigns: true)
    #expect(points.count == 6 && points.allSatisfy { $0.names == ["t", "x", "y"] && $0.values.count == 3 })
    for (k, (p, m)) in zip(points, mixed).enumerated() {
        for (j, name) in p.names.enumerated() {
            guard let v = p.value(of: name) else { Issue.record("no value for \(name)"); continue }
            #expect(v.re >= 0.35 && v.re <= 2.95 && v.im == 0)
            // The mixed-sign points are the same draws with every other sign flipped.
            #expect(m.value(of: name)!.re == ((k + j) % 2 == 0 ? -v.re : v.re))
            var ev = NumericEvaluator(point: p)
            #expect(ev.value(Expr.symbol(name)) == v)
        }
        #expect(p.value(of: "z") == nil)
    }
    // A name absent from the point is the name's pseudo-function.
    #expect(NumericEvaluator(point: points[0]).variableValue("f") == NumericEvaluator.pseudoFunction("f", []))
    // A caller's assignment is kept the same way and reads back as given.
    let given = ["y": Complex(2), "a": Complex(-1, 3), "x": Complex(0.5)]
    var ev = NumericEvaluator(assignment: given)
    #expect(ev.assignment == given && ev.point.names == ["a", "x", "y"])
    #expect(ev.value(Expr.sum([.symbol("x"), .symbol("y")])) == Complex(2.5))
    ev.assignment = [:]
    #expect(ev.point.isEmpty && ev.variableValue("x") == NumericEvaluator.pseudoFunction("x", []))
}
