namespace CivilAffairs.Web.Kernel.Divisions;

public enum DivisionLevel
{
    District = 1,
    Street = 2,
    Community = 3,
}

/// <summary>
/// A 12-digit statistical division code: 6-digit county + 3-digit township + 3-digit committee.
/// Codes nest by prefix, which is how data scoping works: a street's records all start with its 9 digits.
/// </summary>
public static class DivisionCode
{
    public const int Length = 12;

    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(char.IsAsciiDigit) && code[..6] != "000000";

    public static DivisionLevel LevelOf(string code)
    {
        if (!IsWellFormed(code)) throw new ArgumentException($"不是 12 位区划代码：{code}", nameof(code));
        if (code.EndsWith("000000", StringComparison.Ordinal)) return DivisionLevel.District;
        if (code.EndsWith("000", StringComparison.Ordinal)) return DivisionLevel.Street;
        return DivisionLevel.Community;
    }

    /// <summary>The prefix every code inside this division starts with (6, 9 or 12 digits).</summary>
    public static string ScopePrefix(string code) => LevelOf(code) switch
    {
        DivisionLevel.District => code[..6],
        DivisionLevel.Street => code[..9],
        _ => code,
    };

    public static string? ParentOf(string code) => LevelOf(code) switch
    {
        DivisionLevel.Community => code[..9] + "000",
        DivisionLevel.Street => code[..6] + "000000",
        _ => null,
    };

    /// <summary>True when <paramref name="code"/> lies in the subtree of <paramref name="scopeCode"/>.</summary>
    public static bool Contains(string scopeCode, string code) =>
        IsWellFormed(code) && code.StartsWith(ScopePrefix(scopeCode), StringComparison.Ordinal);
}
