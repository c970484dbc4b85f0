#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A complex number over Double for numeric spot checks.
public struct Complex: Hashable, Sendable, CustomStringConvertible {
    /// Real part.
    public var re: Double
    /// Imaginary part.
    public var im: Double

    /// Creates `re + im·i`.
    public init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// |z|.
    public var magnitude: Double { hypot(re, im) }
    /// True when both parts are finite.
    public var isFinite: Bool { re.isFinite && im.isFinite }
    /// `a+bi`.
    public var description: String { "\(re)+\(im)i" }

    /// Sum.
    public static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    /// Difference.
    public static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    /// Negation.
    public static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    /// Product.
    public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    /// Quotient (non-finite when dividing by zero).
    public static func / (a: Complex, b: Complex) -> Complex {
        let d = b.re * b.re + b.im * b.im
        return Complex((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d)
    }

    /// Principal exponential.
    public static func exp(_ z: Complex) -> Complex {
        let m = Glibc.exp(z.re)
        return z.im == 0 ? Complex(m) : Complex(m * Glibc.cos(z.im), m * Glibc.sin(z.im))
    }
    /// Principal logarithm.
    public static func log(_ z: Complex) -> Complex {
        if z.im == 0 && z.re > 0 { return Complex(Glibc.log(z.re)) }
        return Complex(Glibc.log(z.magnitude), atan2(z.im == 0 ? 0 : z.im, z.re))  // -0.0 would pick the other branch
    }
    /// Integer power by squaring (exact-ish for small exponents).
    public func power(_ k: Int) -> Complex {
        if k < 0 { return Complex(1) / power(-k) }
        var result = Complex(1), base = self, e = k
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }
    /// Principal power `a^b`.
    public static func pow(_ a: Complex, _ b: Complex) -> Complex {
        if b.im == 0, b.re == b.re.rounded(), abs(b.re) <= 64 { return a.power(Int(b.re)) }
        if a.im == 0, a.re > 0, b.im == 0 { return Complex(Glibc.pow(a.re, b.re)) }
        if a.re == 0 && a.im == 0 { return b.re > 0 ? Complex(0) : Complex(.nan) }
        return exp(b * log(a))
    }
    /// Sine.
    public static func sin(_ z: Complex) -> Complex {
        z.im == 0 ? Complex(Glibc.sin(z.re)) : Complex(Glibc.sin(z.re) * cosh(z.im), Glibc.cos(z.re) * sinh(z.im))
    }
    /// Cosine.
    public static func cos(_ z: Complex) -> Complex {
        z.im == 0 ? Complex(Glibc.cos(z.re)) : Complex(Glibc.cos(z.re) * cosh(z.im), -Glibc.sin(z.re) * sinh(z.im))
    }
    /// Applies a real function when the imaginary part vanishes, else NaN.
    public func real(_ f: (Double) -> Double) -> Complex {
        abs(im) <= 1e-12 * max(1, abs(re)) ? Complex(f(re)) : Complex(.nan)
    }
}
