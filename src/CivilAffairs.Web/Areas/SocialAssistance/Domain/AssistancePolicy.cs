namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

public enum AreaKind
{
    Urban = 1,
    Rural = 2,
}

/// <summary>How the monthly dibao amount is worked out.</summary>
public enum AmountMethod
{
    /// <summary>差额: (standard − verified per-capita income) × household size.</summary>
    Difference = 1,
    /// <summary>分档: a fixed amount per person by band of per-capita income.</summary>
    Tiered = 2,
}

/// <summary>One band of the tiered method: households whose per-capita income is at most this get this much per person.</summary>
public sealed record AmountTier
{
    public long UpToPerCapitaIncomeFen { get; init; }
    public long PerPersonFen { get; init; }
}

/// <summary>
/// The district's social-assistance policy in force from a date (local policy: configuration with effective dates,
/// section <c>SocialAssistance:Policies</c>). Defaults marked UNCONFIRMED are placeholders the district must set.
/// </summary>
public sealed record AssistancePolicy
{
    public DateOnly EffectiveFrom { get; init; } = new(2026, 1, 1);
    /// <summary>The district (12-digit code) the policy is for; empty: every district without its own.</summary>
    public string DistrictCode { get; init; } = "";

    /// <summary>Monthly dibao standard per person, urban (fen). UNCONFIRMED default 780 yuan.</summary>
    public long UrbanStandardFen { get; init; } = 78_000;
    /// <summary>Monthly dibao standard per person, rural (fen). UNCONFIRMED default 620 yuan.</summary>
    public long RuralStandardFen { get; init; } = 62_000;
    public AmountMethod AmountMethod { get; init; } = AmountMethod.Difference;
    /// <summary>Bands for <see cref="AmountMethod.Tiered"/>, by per-capita income (ascending).</summary>
    public IReadOnlyList<AmountTier> Tiers { get; init; } = [];

    // Classified increments (分类施保), per person per month; a person in several categories gets the highest one.
    /// <summary>Age from which the elderly increment applies.</summary>
    public int ElderlyAge { get; init; } = 70;
    public long ElderlyIncrementFen { get; init; } = 5_000;
    /// <summary>Disability grade 1–2 (or grade 3 intellectual/mental).</summary>
    public long SevereDisabilityIncrementFen { get; init; } = 10_000;
    public long OtherDisabilityIncrementFen { get; init; } = 5_000;
    public long MinorIncrementFen { get; init; } = 5_000;
    public long SeriousIllnessIncrementFen { get; init; } = 10_000;

    /// <summary>A "marginal" household (低保边缘): per-capita income below this multiple of the standard.</summary>
    public decimal MarginalFactor { get; init; } = 1.5m;
    /// <summary>Individual inclusion (单独施保): the share of the standard the person receives. UNCONFIRMED default 100 %.</summary>
    public decimal IndividualInclusionShare { get; init; } = 1m;

    /// <summary>Public notice (公示) in days; never below 7.</summary>
    public int NoticeDays { get; init; } = 7;
    /// <summary>Working days from acceptance to the start of the investigation.</summary>
    public int InvestigationStartWorkingDays { get; init; } = 3;
    /// <summary>Working days for the district decision after the notice.</summary>
    public int DecisionWorkingDays { get; init; } = 10;
    /// <summary>Working days for the whole procedure, from acceptance; <see cref="SpecialCaseWorkingDays"/> for special cases.</summary>
    public int TotalWorkingDays { get; init; } = 30;
    public int SpecialCaseWorkingDays { get; init; } = 45;
    /// <summary>Destitute support: street investigation and district decision, in working days.</summary>
    public int DestituteInvestigationWorkingDays { get; init; } = 15;
    public int DestituteDecisionWorkingDays { get; init; } = 15;
    /// <summary>Approval delegated to the street (审批权限下放): the street decides after the notice instead of the district.</summary>
    public bool ApprovalDelegatedToStreet { get; init; }

    /// <summary>Months between reviews of a stable household, and of one with irregular income or members able to work.</summary>
    public int ReviewMonthsStable { get; init; } = 12;
    public int ReviewMonthsIrregular { get; init; } = 6;

    /// <summary>Destitute support: basic living allowance per person per month (fen). UNCONFIRMED default 1.3 × the urban standard.</summary>
    public long DestituteMonthlyFen { get; init; } = 101_400;

    /// <summary>Temporary assistance: the most one grant may be (fen). UNCONFIRMED default 6 months of the urban standard.</summary>
    public long TemporaryMaxFen { get; init; } = 468_000;
    /// <summary>Temporary assistance the street may approve by itself (small amounts), fen. UNCONFIRMED default 1,000 yuan.</summary>
    public long TemporaryStreetLimitFen { get; init; } = 100_000;
    /// <summary>Expenditure-type temporary assistance: per-capita monthly income must be below last year's local per-capita disposable income. UNCONFIRMED default 3,000 yuan.</summary>
    public long LocalAverageMonthlyIncomeFen { get; init; } = 300_000;

    /// <summary>Expenditure-based hardship: rigid spending over 12 months above this share of the household's income. UNCONFIRMED default 50 %.</summary>
    public decimal HardshipRigidShare { get; init; } = 0.5m;

    /// <summary>Resident medical insurance premium per person per year (fen); destitute persons get all of it. UNCONFIRMED default 380 yuan.</summary>
    public long ResidentPremiumFen { get; init; } = 38_000;
    /// <summary>Premium subsidy for each dibao member per year (fen). UNCONFIRMED default 100 yuan.</summary>
    public long DibaoPremiumSubsidyFen { get; init; } = 10_000;

    /// <summary>Working days a partner department has to answer an add-on aid referral. UNCONFIRMED default 10.</summary>
    public int ReferralWorkingDays { get; init; } = 10;
    /// <summary>Departments that grant the add-on aids (names on referrals). UNCONFIRMED defaults: the district's education, housing and human-resources bureaux.</summary>
    public string EducationDepartment { get; init; } = "区教育局";
    public string HousingDepartment { get; init; } = "区住房和城乡建设局";
    public string EmploymentDepartment { get; init; } = "区人力资源和社会保障局";

    public string DepartmentFor(AidKind kind) => kind switch
    {
        AidKind.Education => EducationDepartment,
        AidKind.Housing => HousingDepartment,
        _ => EmploymentDepartment,
    };

    public long StandardFor(AreaKind area) => area == AreaKind.Rural ? RuralStandardFen : UrbanStandardFen;
}

/// <summary>Policies with effective dates: for a district on a date, the latest one of that district (or, failing it, the general one).</summary>
public sealed class PolicyBook
{
    private readonly AssistancePolicy[] _policies;

    public PolicyBook(IEnumerable<AssistancePolicy> policies)
    {
        _policies = policies.OrderBy(p => p.EffectiveFrom).ToArray();
        if (_policies.Length == 0) throw new ArgumentException("至少需要一套救助政策", nameof(policies));
        foreach (var p in _policies)
        {
            if (p.NoticeDays < 7) throw new ArgumentException($"{p.EffectiveFrom:yyyy-MM-dd} 起的政策公示期为 {p.NoticeDays} 天，不得少于 7 天");
            if (p.UrbanStandardFen <= 0 || p.RuralStandardFen <= 0) throw new ArgumentException("低保标准必须大于 0");
            if (p.AmountMethod == AmountMethod.Tiered && p.Tiers.Count == 0) throw new ArgumentException("分档计发须配置档次（Tiers）");
        }
    }

    public static PolicyBook Default { get; } = new([new AssistancePolicy()]);

    public IReadOnlyList<AssistancePolicy> All => _policies;

    public AssistancePolicy For(string divisionCode, DateOnly date)
    {
        var district = divisionCode.Length >= 6 ? divisionCode[..6] : divisionCode;
        AssistancePolicy? general = null;
        for (var i = _policies.Length - 1; i >= 0; i--)
        {
            var p = _policies[i];
            if (p.EffectiveFrom > date) continue;
            if (p.DistrictCode.Length > 0 && p.DistrictCode.StartsWith(district, StringComparison.Ordinal)) return p;
            if (p.DistrictCode.Length == 0) general ??= p;
        }
        return general ?? throw new InvalidOperationException($"{date:yyyy-MM-dd} 没有生效的救助政策");
    }
}
