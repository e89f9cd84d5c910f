using System.Globalization;

namespace CivilAffairs.Web.Kernel.Data;

/// <summary>Amounts are kept in fen (long); shown in yuan.</summary>
public static class Money
{
    /// <summary>"1,234.56" (negative: "-0.50").</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>The largest amount any one figure may have (10 million yuan): bounds typing errors and the arithmetic.</summary>
    public const long MaxFen = 1_000_000_000;

    /// <summary>Yuan as typed on a page → fen; an amount past <see cref="MaxFen"/> is refused (not an overflow).</summary>
    public static long FenOf(decimal? yuan, string field)
    {
        if (yuan is not { } y) return 0;
        if (Math.Abs(y) > MaxFen / 100m) throw new DomainException("金额过大（每项不超过 1,000 万元）", field);
        return (long)Math.Round(y * 100, MidpointRounding.AwayFromZero);
    }

    /// <summary>Adds an error when an amount in fen is past <see cref="MaxFen"/>.</summary>
    public static void CheckMax(Validator v, string field, long fen)
    {
        if (Math.Abs(fen) > MaxFen) v.Add(field, "金额过大（每项不超过 1,000 万元）");
    }

    /// <summary>"1,234.56 元", as messages and the working of an amount write it.</summary>
    public static string YuanText(long fen) => Yuan(fen) + " 元";
}
