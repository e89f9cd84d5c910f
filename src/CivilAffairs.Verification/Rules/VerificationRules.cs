namespace CivilAffairs.Verification.Rules;

/// <summary>
/// The local policy a household is checked against, effective from a date. The defaults follow DOMAIN.md's example
/// rules; the monthly standard is the district's and must be set by it (the default is a placeholder, marked so).
/// </summary>
public sealed record VerificationRules
{
    public DateOnly EffectiveFrom { get; init; } = new(2026, 1, 1);
    /// <summary>Monthly minimum living standard per person (fen). UNCONFIRMED default: 780 yuan.</summary>
    public long MonthlyStandardFen { get; init; } = 78_000;
    /// <summary>Financial assets (deposits, securities, insurance cash value) per person, in months of the standard.</summary>
    public int FinancialAssetMonthsPerPerson { get; init; } = 24;
    /// <summary>Homes (residential properties) allowed per household.</summary>
    public int MaxResidentialProperties { get; init; } = 1;
    public bool CommercialPropertyAllowed { get; init; }
    /// <summary>Motor vehicles other than disability vehicles.</summary>
    public bool OrdinaryVehicleAllowed { get; init; }
    public bool ActiveBusinessAllowed { get; init; }
    /// <summary>Income is averaged over this many whole months before the month of verification.</summary>
    public int IncomeWindowMonths { get; init; } = 12;
    /// <summary>
    /// An income feed (tax, pensions) whose data ends more than this many months before the nominal window's last month
    /// makes every verdict "needs manual review" (the income counted may be out of date).
    /// </summary>
    public int MaxIncomeDataLagMonths { get; init; } = 3;
    /// <summary>Monthly utilities spending per household above which the report flags it (a signal, not a rule).</summary>
    public long UtilitiesSignalMonthlyFen { get; init; } = 100_000;
    /// <summary>Batch anomaly: per-capita income changed by more than this fraction since the previous batch.</summary>
    public double SuddenIncomeChange { get; init; } = 0.5;
}

/// <summary>Rules with effective dates: the set in force on a date is the latest one starting on or before it.</summary>
public sealed class RuleBook
{
    private readonly VerificationRules[] _rules;

    public RuleBook(IEnumerable<VerificationRules> rules)
    {
        _rules = rules.OrderBy(r => r.EffectiveFrom).ToArray();
        if (_rules.Length == 0) throw new ArgumentException("至少需要一套核对规则", nameof(rules));
    }

    public static RuleBook Default { get; } = new([new VerificationRules()]);

    public VerificationRules For(DateOnly date)
    {
        for (var i = _rules.Length - 1; i >= 0; i--)
            if (_rules[i].EffectiveFrom <= date) return _rules[i];
        throw new InvalidOperationException($"{date:yyyy-MM-dd} 之前没有生效的核对规则");
    }

    public IReadOnlyList<VerificationRules> All => _rules;
}
