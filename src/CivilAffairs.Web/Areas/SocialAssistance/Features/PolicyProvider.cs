using CivilAffairs.Web.Areas.SocialAssistance.Domain;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

/// <summary>The configured policies (<c>SocialAssistance:Policies</c>), or the documented defaults; checked at start-up.</summary>
public sealed class PolicyProvider(IConfiguration config)
{
    public PolicyBook Book { get; } = Build(config);

    private static PolicyBook Build(IConfiguration config)
    {
        var configured = config.GetSection("SocialAssistance:Policies").Get<List<AssistancePolicy>>();
        return configured is { Count: > 0 } ? new PolicyBook(configured) : PolicyBook.Default;
    }

    public AssistancePolicy For(string divisionCode, DateOnly date) => Book.For(divisionCode, date);

    /// <summary>The policy on a date, or the earliest one for a date before every policy (a list of a past year).</summary>
    public AssistancePolicy ForOrEarliest(string divisionCode, DateOnly date) =>
        Book.For(divisionCode, date < Book.All[0].EffectiveFrom ? Book.All[0].EffectiveFrom : date);

    private readonly IReadOnlyList<MedicalRateTable> _rates = config.GetSection("SocialAssistance:MedicalRates").Get<List<MedicalRateTable>>() ?? [];

    /// <summary>The configured rate table of the year and type, or the documented default.</summary>
    public MedicalRateTable MedicalRates(int year, MedicalAssistanceType type) =>
        _rates.FirstOrDefault(r => r.Year == year && r.Type == type) ?? MedicalRateTable.Defaults(year).First(r => r.Type == type);
}
