using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Tests.SocialAssistance;

/// <summary>The allowance arithmetic on hand-computed households (default policy: urban standard 780 yuan, rural 620).</summary>
public sealed class AllowanceCalculatorTests
{
    private static readonly AssistancePolicy Policy = new();
    private static AllowanceMember Adult(string name = "甲") => new(name, 40, false, false, false);

    [Fact]
    public void The_difference_method_pays_the_gap_to_the_standard_for_every_counted_member_plus_increments()
    {
        // (780 − 300) × 3 = 1,440; a 75-year-old +50, a 10-year-old +50 → 1,540 yuan
        var members = new[] { Adult(), new AllowanceMember("乙", 75, false, false, false), new AllowanceMember("丙", 10, false, false, false) };
        var amount = AllowanceCalculator.Dibao(Policy, AreaKind.Urban, members, 30_000);
        Assert.Equal(154_000, amount.MonthlyFen);
        Assert.Equal(3, amount.HouseholdSize);
        Assert.Equal(144_000, amount.Lines[0].AmountFen);
        Assert.Contains(amount.Lines, l => l.Text.Contains("乙") && l.Text.Contains("70 岁以上老人") && l.AmountFen == 5_000);
        Assert.Contains(amount.Lines, l => l.Text.Contains("丙") && l.Text.Contains("未成年人"));
    }

    [Fact]
    public void The_rural_standard_applies_to_rural_households()
    {
        // (620 − 120.50) × 2 = 999.00 yuan
        Assert.Equal(99_900, AllowanceCalculator.Dibao(Policy, AreaKind.Rural, [Adult(), Adult("乙")], 12_050).MonthlyFen);
    }

    [Fact]
    public void An_income_at_or_above_the_standard_gives_no_amount_and_says_why()
    {
        var e = Assert.Throws<DomainException>(() => AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult()], 78_000));
        Assert.Contains("不低于低保标准", e.Message);
        Assert.Throws<DomainException>(() => AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult()], -1));
        Assert.Throws<DomainException>(() => AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [], 0));
    }

    [Fact]
    public void Rigid_spending_is_deducted_from_income_for_an_expenditure_based_case()
    {
        // per capita 900 (above 780); rigid spending 600 a month ÷ 2 = 300 → counted 600; (780 − 600) × 2 = 360 yuan
        var amount = AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult(), Adult("乙")], 90_000, rigidSpendingMonthlyFen: 60_000);
        Assert.Equal(36_000, amount.MonthlyFen);
        Assert.Contains(amount.Lines, l => l.AmountFen == -30_000);
        // spending larger than income counts income as zero, never negative: (780 − 0) × 1
        Assert.Equal(78_000, AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult()], 10_000, rigidSpendingMonthlyFen: 50_000).MonthlyFen);
    }

    [Fact]
    public void The_tiered_method_pays_a_fixed_amount_per_person_by_band()
    {
        var tiered = Policy with
        {
            AmountMethod = AmountMethod.Tiered,
            Tiers = [new AmountTier { UpToPerCapitaIncomeFen = 0, PerPersonFen = 78_000 }, new AmountTier { UpToPerCapitaIncomeFen = 30_000, PerPersonFen = 50_000 }, new AmountTier { UpToPerCapitaIncomeFen = 77_999, PerPersonFen = 20_000 }],
        };
        Assert.Equal(150_000, AllowanceCalculator.Dibao(tiered, AreaKind.Urban, [Adult(), Adult("乙"), Adult("丙")], 25_000).MonthlyFen);
        Assert.Equal(78_000, AllowanceCalculator.Dibao(tiered, AreaKind.Urban, [Adult()], 0).MonthlyFen);
        Assert.Equal(20_000, AllowanceCalculator.Dibao(tiered, AreaKind.Urban, [Adult()], 60_000).MonthlyFen);
        Assert.Throws<DomainException>(() => AllowanceCalculator.Dibao(tiered, AreaKind.Urban, [Adult()], 78_000));
    }

    [Fact]
    public void A_person_in_several_categories_gets_the_highest_increment_only()
    {
        var elderlyAndSevere = new AllowanceMember("丁", 80, true, false, false);
        Assert.Equal(10_000, AllowanceCalculator.Increment(Policy, elderlyAndSevere, out var why));
        Assert.Equal("重度残疾", why);
        Assert.Equal(0, AllowanceCalculator.Increment(Policy, Adult(), out _));
    }

    [Fact]
    public void Individual_inclusion_pays_one_person_in_a_marginal_household()
    {
        // marginal: per capita 1,000 < 1.5 × 780 = 1,170; the person gets the standard 780 + severe disability 100 = 880
        var person = new AllowanceMember("戊", 30, true, false, false);
        var amount = AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult(), person], 100_000, individual: person);
        Assert.Equal(88_000, amount.MonthlyFen);
        Assert.Equal(1, amount.HouseholdSize);
        var e = Assert.Throws<DomainException>(() => AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult(), person], 117_000, individual: person));
        Assert.Contains("低保边缘", e.Message);
        // only a severely disabled or seriously ill person may be enrolled alone
        var healthy = Adult("己");
        Assert.Contains("重度残疾", Assert.Throws<DomainException>(() => AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult(), healthy], 100_000, individual: healthy)).Message);
        Assert.Equal(78_000 + 10_000, AllowanceCalculator.Dibao(Policy, AreaKind.Urban, [Adult(), new AllowanceMember("庚", 30, false, false, true)], 100_000,
            individual: new AllowanceMember("庚", 30, false, false, true)).MonthlyFen);
    }

    [Fact]
    public void Destitute_support_pays_the_basic_living_allowance_per_person()
    {
        Assert.Equal(101_400, AllowanceCalculator.Destitute(Policy, 1).MonthlyFen);
        Assert.Throws<DomainException>(() => AllowanceCalculator.Destitute(Policy, 0));
        // with its conditions: nobody able to work, no income source
        Assert.Equal(2 * 101_400, AllowanceCalculator.Destitute(Policy, AreaKind.Urban, [new AllowanceMember("老", 75, false, false, false), new AllowanceMember("孤", 12, false, false, false)], 0).MonthlyFen);
        Assert.Contains("无劳动能力", Assert.Throws<DomainException>(() => AllowanceCalculator.Destitute(Policy, AreaKind.Urban, [Adult()], 0)).Message);
        Assert.Equal(101_400, AllowanceCalculator.Destitute(Policy, AreaKind.Urban, [new AllowanceMember("残", 40, true, false, false)], 0).MonthlyFen);
        Assert.Contains("无收入来源", Assert.Throws<DomainException>(() => AllowanceCalculator.Destitute(Policy, AreaKind.Urban, [new AllowanceMember("老", 75, false, false, false)], 78_000)).Message);
    }

    [Fact]
    public void Policies_follow_their_effective_dates_and_district_and_refuse_a_notice_below_seven_days()
    {
        var book = new PolicyBook([
            new AssistancePolicy { EffectiveFrom = new(2026, 1, 1) },
            new AssistancePolicy { EffectiveFrom = new(2027, 1, 1), UrbanStandardFen = 82_000 },
            new AssistancePolicy { EffectiveFrom = new(2026, 7, 1), DistrictCode = "420203000000", UrbanStandardFen = 80_000 },
        ]);
        Assert.Equal(78_000, book.For("420202070004", new DateOnly(2026, 12, 31)).UrbanStandardFen);
        Assert.Equal(82_000, book.For("420202070004", new DateOnly(2027, 1, 1)).UrbanStandardFen);
        Assert.Equal(80_000, book.For("420203001001", new DateOnly(2026, 8, 1)).UrbanStandardFen);
        Assert.Equal(78_000, book.For("420203001001", new DateOnly(2026, 6, 30)).UrbanStandardFen);
        var e = Assert.Throws<ArgumentException>(() => new PolicyBook([new AssistancePolicy { NoticeDays = 5 }]));
        Assert.Contains("不得少于 7 天", e.Message);
    }

    [Fact]
    public void Expenditure_type_temporary_assistance_pays_what_was_asked_up_to_the_maximum()
    {
        Assert.Equal(200_000, AllowanceCalculator.Temporary(Policy, 200_000, 150_000).MonthlyFen);
        // capped at 6 months of the urban standard (4,680 yuan)
        var capped = AllowanceCalculator.Temporary(Policy, 1_000_000, 0);
        Assert.Equal(468_000, capped.MonthlyFen);
        Assert.Contains("上限", capped.Lines[0].Text);
        Assert.Contains("上年当地人均可支配收入", Assert.Throws<DomainException>(() => AllowanceCalculator.Temporary(Policy, 100_000, 300_000)).Message);
        Assert.Throws<DomainException>(() => AllowanceCalculator.Temporary(Policy, 0, 0));
    }

    [Fact]
    public void Expenditure_based_hardship_is_recognised_between_the_marginal_line_and_the_local_average_when_rigid_spending_is_high()
    {
        // 3 people at 1,500 a month each (above 1.5 × 780 = 1,170, below 3,000): income 54,000 a year; half is 27,000;
        // rigid spending 2,500 a month = 30,000 a year: recognised (no amount)
        var ok = AllowanceCalculator.Hardship(Policy, AreaKind.Urban, 3, 150_000, 250_000);
        Assert.Equal(0, ok.MonthlyFen);
        Assert.Contains("刚性支出困难认定", ok.Lines[0].Text);
        Assert.Contains("未超过", Assert.Throws<DomainException>(() => AllowanceCalculator.Hardship(Policy, AreaKind.Urban, 3, 150_000, 200_000)).Message);
        Assert.Contains("低保边缘", Assert.Throws<DomainException>(() => AllowanceCalculator.Hardship(Policy, AreaKind.Urban, 3, 100_000, 900_000)).Message);
        Assert.Contains("人均可支配收入", Assert.Throws<DomainException>(() => AllowanceCalculator.Hardship(Policy, AreaKind.Urban, 3, 300_000, 900_000)).Message);
    }
}
