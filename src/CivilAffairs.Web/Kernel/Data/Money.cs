using System.Globalization;

namespace CivilAffairs.Web.Kernel.Data;

/// <summary>Amounts are kept in fen (long); shown in yuan.</summary>
public static class Money
{
    /// <summary>"1,234.56" (negative: "-0.50").</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>"1,234.56 元", as messages and the working of an amount write it.</summary>
    public static string YuanText(long fen) => Yuan(fen) + " 元";
}
