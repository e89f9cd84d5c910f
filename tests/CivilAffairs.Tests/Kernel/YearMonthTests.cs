using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Tests.Kernel;

public sealed class YearMonthTests
{
    [Fact]
    public void Months_turn_over_the_year_both_ways()
    {
        Assert.Equal(202701, YearMonth.Next(new DateOnly(2026, 12, 31)));
        Assert.Equal(202612, YearMonth.Before(202701));
        Assert.Equal(202706, YearMonth.Add(202612, 6));
        Assert.Equal(202512, YearMonth.Add(202612, -12));
        Assert.Equal(202602, YearMonth.Next(new DateOnly(2026, 1, 31)));
        Assert.Equal("2026-03", YearMonth.Text(202603));
        Assert.Equal("", YearMonth.Text((int?)null));
        Assert.Equal("2026 年 3 月", YearMonth.ChineseText(202603));
    }

    [Fact]
    public void Amounts_in_fen_show_in_yuan_with_their_sign()
    {
        Assert.Equal("1,234.56", Money.Yuan(123_456));
        Assert.Equal("-0.50", Money.Yuan(-50));
        Assert.Equal("0.00 元", Money.YuanText(0));
    }
}
