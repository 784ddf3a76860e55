/// "1 rule", "2 rules": counts in messages agree with their number.
public enum Plural {
    public static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(number == 1 ? noun : plural(of: noun))"
    }

    static func plural(of noun: String) -> String {
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !"aeiou".contains(before) { return noun.dropLast() + "ies" }
        if noun.hasSuffix("s") || noun.hasSuffix("sh") || noun.hasSuffix("ch") || noun.hasSuffix("x") { return noun + "es" }
        return noun + "s"
    }
}
