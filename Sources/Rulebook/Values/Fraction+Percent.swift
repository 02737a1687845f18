extension Fraction {
    /// `60%`, `33.333333%`: a share as a person writes it (the compiler's and the engine's
    /// messages about shares alike).
    var percentText: String {
        multiplied(by: Fraction(100)).map { "\($0)%" } ?? "\(self)"
    }
}
