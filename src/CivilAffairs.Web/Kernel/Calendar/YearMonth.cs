namespace CivilAffairs.Web.Kernel.Calendar;

/// <summary>
/// Months as the business keeps them: an int yyyymm (202612). Arithmetic goes through dates so that the year turns
/// (the month after 202612 is 202701, the one before 202701 is 202612).
/// </summary>
public static class YearMonth
{
    public static int Of(DateOnly date) => date.Year * 100 + date.Month;

    public static DateOnly FirstDay(int month) => new(month / 100, month % 100, 1);

    public static int Add(int month, int months) => Of(FirstDay(month).AddMonths(months));

    /// <summary>The month after the one <paramref name="date"/> is in.</summary>
    public static int Next(DateOnly date) => Add(Of(date), 1);

    public static int Before(int month) => Add(month, -1);

    /// <summary>"2026-12".</summary>
    public static string Text(int month) => $"{month / 100}-{month % 100:00}";

    /// <summary>"2026-12", or empty for no month.</summary>
    public static string Text(int? month) => month is { } m ? Text(m) : "";

    /// <summary>"2026 年 12 月".</summary>
    public static string ChineseText(int month) => $"{month / 100} 年 {month % 100} 月";
}
